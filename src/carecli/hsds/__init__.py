"""Reading an Open Referral Human Services Data Specification (HSDS) directory, 1.x to 3.x: a
folder of CSV files, or a .zip of one. Pure: files in, `HsdsDirectory` or errors out, no
database (`data/resource_import.py` writes what it reads).

No HSDS library fits: `hsds-validator` needs Python 3.13, `hsds-data-tool` is a 2022 alpha
that builds schemas; neither names a bad row by file and line. The standard `csv` and
`zipfile` modules do the reading."""

from carecli.hsds.directory import HsdsDirectory, ImportedResource, read_directory
from carecli.hsds.errors import BadRow, HsdsInvalid, HsdsRefused

__all__ = ["BadRow", "HsdsDirectory", "HsdsInvalid", "HsdsRefused", "ImportedResource",
           "read_directory"]
