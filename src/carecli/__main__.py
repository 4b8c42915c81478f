"""Allow `python -m carecli`."""

from carecli.cli import main

raise SystemExit(main())
