"""The data service's calls for closed-loop referrals (`data/referrals.py`), mixed into
`CareService`: each one unit of work, its result frozen and plain."""

from typing import Any


class ReferralCalls:
    def referrals(self, client_id: int):
        """The client's referrals with their history, and the needs a new one may answer
        (`ClientReferrals`)."""
        from carecli.data.referrals import client_referrals

        return self._frozen(client_referrals(db=self._db(), client_id=client_id))

    def create_referral(self, client_id: int, values: dict[str, Any]):
        """Make a draft referral; returns it (`Referral`)."""
        from carecli.data.referrals import create_referral

        return self._frozen(create_referral(db=self._db(), client_id=client_id, values=values,
                                            today=self.today()))

    def change_referral_status(self, referral_id: int, version: int, values: dict[str, Any]):
        """Move a referral to another status, dated; returns it."""
        from carecli.data.referrals import change_status

        return self._frozen(change_status(db=self._db(), referral_id=referral_id,
                                          version=version, values=values, today=self.today()))

    def set_referral_follow_up(self, referral_id: int, version: int, follow_up_on: Any):
        from carecli.data.referrals import set_follow_up

        return self._frozen(set_follow_up(db=self._db(), referral_id=referral_id,
                                          version=version, follow_up_on=follow_up_on,
                                          today=self.today()))
