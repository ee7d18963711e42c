"""The nine service elements (unsur) of the satisfaction survey, as PermenPANRB 14/2017 words them.

Each element has its own question and its own four answers, scored 1 (worst) to 4 (best), and a suggested
improvement action named on the results page when the element is among the weakest. One table, used by the form,
the computation, the results pages and the export.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Element:
    code: str  # the response column: u1 … u9
    name: object
    question: object
    answers: tuple  # four labels, for scores 1, 2, 3, 4
    action: object  # what an agency can do when the element scores low

    @property
    def number(self) -> int:
        return int(self.code[1:])

    @property
    def choices(self) -> list[tuple[int, object]]:
        return [(score, label) for score, label in enumerate(self.answers, start=1)]

    def __reduce__(self):
        # Pickled (into the cache, with the public page's figures) as a reference to the constant, not as its lazy
        # texts: unpickling each lazy text builds a class, ~1 ms apiece, dozens per cached page.
        return (element_by_code, (self.code,))


def element_by_code(code: str) -> Element:
    return next(element for element in ELEMENTS if element.code == code)


ELEMENTS: tuple[Element, ...] = (
    Element(
        "u1",
        _("Requirements"),
        _("How well do the requirements of this service fit the kind of service?"),
        (_("Not suitable"), _("Less suitable"), _("Suitable"), _("Very suitable")),
        _("Publish a short, complete list of requirements at the counter and online; drop any that are not needed."),
    ),
    Element(
        "u2",
        _("Procedure"),
        _("How easy is the service procedure at this unit?"),
        (_("Not easy"), _("Less easy"), _("Easy"), _("Very easy")),
        _("Simplify the flow of the service, show it as a diagram at the counter and remove steps that add nothing."),
    ),
    Element(
        "u3",
        _("Completion time"),
        _("How fast is the service delivered?"),
        (_("Not fast"), _("Less fast"), _("Fast"), _("Very fast")),
        _("Set and publish a service time standard, track waiting times and add counters at peak hours."),
    ),
    Element(
        "u4",
        _("Cost or tariff"),
        _("How fair is the cost or tariff of the service?"),
        (_("Very expensive"), _("Fairly expensive"), _("Cheap"), _("Free")),
        _("Publish the official tariff (or that the service is free) and make sure no other payment is asked."),
    ),
    Element(
        "u5",
        _("Service product"),
        _("How well does the product you received match what the service standard promises?"),
        (_("Not matching"), _("Less matching"), _("Matching"), _("Fully matching")),
        _("Check finished products against the service standard before handing them over, and fix recurring errors."),
    ),
    Element(
        "u6",
        _("Staff competence"),
        _("How competent were the staff who served you?"),
        (_("Not competent"), _("Less competent"), _("Competent"), _("Very competent")),
        _("Train counter staff on the service rules and systems, and pair new staff with experienced colleagues."),
    ),
    Element(
        "u7",
        _("Staff behaviour"),
        _("How polite and friendly were the staff who served you?"),
        (
            _("Not polite and friendly"),
            _("Less polite and friendly"),
            _("Polite and friendly"),
            _("Very polite and friendly"),
        ),
        _("Agree a service code of conduct with the staff, coach on courtesy and recognise good service."),
    ),
    Element(
        "u8",
        _("Facilities"),
        _("How good are the facilities (waiting room, seats, toilets, access)?"),
        (_("Poor"), _("Fair"), _("Good"), _("Very good")),
        _("Repair and clean the waiting area, add seating and signs, and make the building accessible to everyone."),
    ),
    Element(
        "u9",
        _("Handling of complaints"),
        _("How are complaints, suggestions and feedback from service users handled?"),
        (
            _("There is no channel"),
            _("There is one but it does not work"),
            _("It works, but not fully"),
            _("It is well managed"),
        ),
        _("Make the complaint channel visible, answer every complaint within the deadline and publish what changed."),
    ),
)

ELEMENT_CODES = tuple(element.code for element in ELEMENTS)
BY_CODE = {element.code: element for element in ELEMENTS}
