"""The appointments' calls of `CareService` (a mixin: each method is one unit of work
returning frozen plain objects), and the calendar export's read."""

from datetime import timedelta
from typing import Any


class AppointmentCalls:
    """A client's appointments: list, add, edit, say how one went, mark its reminder made;
    and what the calendar export shows."""

    def appointments(self, client_id: int) -> tuple:
        """The client's appointments (`Appointment`): those to come, soonest first, then the
        rest, latest first."""
        from carecli.data.appointments import list_appointments
        from carecli.domain.appointments import in_order

        return self._frozen(in_order(list_appointments(db=self._db(), client_id=client_id),
                                     self._now()))

    def appointment(self, appointment_id: int):
        from carecli.data.appointments import get_appointment

        return self._frozen(get_appointment(db=self._db(), appointment_id=appointment_id))

    def add_appointment(self, client_id: int, values: dict[str, Any]) -> int:
        from carecli.data.appointments import add_appointment

        return add_appointment(db=self._db(), client_id=client_id, values=values,
                               now=self._now())

    def update_appointment(self, appointment_id: int, version: int,
                           values: dict[str, Any]) -> None:
        from carecli.data.appointments import update_appointment

        update_appointment(db=self._db(), appointment_id=appointment_id, version=version,
                           values=values, now=self._now())

    def appointment_outcome(self, appointment_id: int, version: int,
                            values: dict[str, Any]) -> int | None:
        """Say how it went; returns the id of the new appointment of a rescheduled one."""
        from carecli.data.appointments import record_outcome

        return record_outcome(db=self._db(), appointment_id=appointment_id, version=version,
                              values=values, now=self._now())

    def mark_appointment_reminded(self, appointment_id: int, version: int | None = None) -> None:
        from carecli.data.appointments import mark_reminded

        mark_reminded(db=self._db(), appointment_id=appointment_id, on=self.today(),
                      version=version)

    def calendar_appointments(self, days: int) -> tuple:
        """Every client's appointments from the start of today to the end of the `days`th day
        ahead, whatever their status (`CalendarAppointment`), soonest first."""
        from carecli.data.appointments import appointments_between
        from carecli.data.caseload import day_start_utc

        today = self.today()
        return self._frozen(tuple(appointments_between(
            db=self._db(), start=day_start_utc(today),
            end=day_start_utc(today + timedelta(days=days + 1)))))

    def calendar_work(self, days: int) -> tuple:
        """The queue's work from today to the `days`th day ahead as (day, `QueueItem`): what
        is due or overdue today on today, then what falls due on each later day (the queue as
        it will stand that day if nothing is done before; `data.queue.load_calendar_work`)."""
        from carecli.data.queue import load_calendar_work

        return self._frozen(tuple(load_calendar_work(db=self.reader or self._db(),
                                                     today=self.today(), days=days)))
