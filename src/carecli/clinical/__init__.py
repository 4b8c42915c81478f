"""Pure clinical and operational rules. Imports neither Textual nor the database.

Public API (see DOMAIN.md): `ccm_codes`; more rules land here as issues add them.
"""

from carecli.clinical.billing import CCM_FIRST_MARK, ccm_codes

__all__ = ["CCM_FIRST_MARK", "ccm_codes"]
