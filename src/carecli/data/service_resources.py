"""The community resource directory's calls of `CareService` (a mixin: each method is one unit
of work returning frozen plain objects)."""

from typing import Any

from carecli.domain.resources import Resource


class ResourceCalls:
    """Reading, searching, adding, editing and (de)activating directory resources, and
    importing an Open Referral HSDS directory."""

    def resources(self, text: str = "", category: str | None = None,
                  include_inactive: bool = False) -> tuple[Resource, ...]:
        """The resources whose name, organisation, description or category contain every word
        of `text` (case-insensitive), of `category` when given; active first, then by name."""
        from carecli.data.resources import list_resources
        from carecli.domain.resources import find

        return find(list_resources(db=self._db()), text, category, include_inactive)

    def resource(self, resource_id: int) -> Resource:
        """One resource as stored now (a form opens on this and saves against its version)."""
        from carecli.data.resources import get_resource

        return get_resource(db=self._db(), resource_id=resource_id)

    def add_resource(self, values: dict[str, Any]) -> int:
        from carecli.data.resources import add_resource

        return add_resource(db=self._db(), values=values)

    def update_resource(self, resource_id: int, version: int, values: dict[str, Any]) -> None:
        from carecli.data.resources import update_resource

        update_resource(db=self._db(), resource_id=resource_id, version=version, values=values)

    def set_resource_status(self, resource_id: int, version: int, status: str) -> None:
        from carecli.data.resources import set_resource_status

        set_resource_status(db=self._db(), resource_id=resource_id, version=version,
                            status=status)
