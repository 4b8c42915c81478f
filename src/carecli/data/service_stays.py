"""The data service's calls about hospital stays, transitional care (TCM) and LACE: a mixin of
`CareService` (each method one unit of work, returning frozen plain objects)."""

from typing import Any


class StayCalls:
    """Mixed into `CareService`: uses its `_db()`, `today()` and `_frozen()`."""

    def stays(self, client_id: int):
        """The client's stays, each with its TCM work as of today (`ClientStays`)."""
        from carecli.data.stays import stays_of

        return self._frozen(stays_of(db=self._db(), client_id=client_id, today=self.today()))

    def stay(self, stay_id: int):
        """One stay as stored now (a form opens on this and saves against its version)."""
        from carecli.data.stays import get_stay

        return self._frozen(get_stay(db=self._db(), stay_id=stay_id))

    def add_stay(self, client_id: int, values: dict[str, Any]) -> int:
        from carecli.data.stays import add_stay

        return add_stay(db=self._db(), client_id=client_id, values=values)

    def update_stay(self, stay_id: int, version: int, values: dict[str, Any]) -> None:
        from carecli.data.stays import update_stay

        update_stay(db=self._db(), stay_id=stay_id, version=version, values=values)

    def mark_tcm_step(self, stay_id: int, version: int, step: str, done_on: Any) -> None:
        """Mark the medication reconciliation (`med_rec`) or the visit (`visit`) done on a
        day (blank: not done)."""
        from carecli.data.stays import mark_step

        mark_step(db=self._db(), stay_id=stay_id, version=version, step=step,
                  done_on=done_on, today=self.today())

    def lace_draft(self, stay_id: int):
        """The LACE answers to confirm for a stay, with the Charlson conditions that counted."""
        from carecli.data.stays import lace_draft

        return self._frozen(lace_draft(db=self._db(), stay_id=stay_id))

    def save_lace(self, stay_id: int, version: int, values: dict[str, Any]) -> int:
        from carecli.data.stays import save_lace

        return save_lace(db=self._db(), stay_id=stay_id, version=version, values=values)
