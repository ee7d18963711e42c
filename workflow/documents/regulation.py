"""Regulation text the documents print: the behaviours that describe each BerAKHLAK core value."""

from django.utils.translation import gettext_lazy

from ..models import CoreValue

# The three behaviours that describe each BerAKHLAK value (SE MenPANRB 20/2021), printed under the value's name.
CORE_VALUE_GUIDE = {
    CoreValue.SERVICE: gettext_lazy(
        "Understands and meets the public's needs; friendly, quick, solution-oriented and reliable; "
        "keeps improving without pause."
    ),
    CoreValue.ACCOUNTABLE: gettext_lazy(
        "Works honestly, responsibly, carefully, with discipline and high integrity; uses state money and property "
        "responsibly, effectively and efficiently; does not abuse the authority of the position."
    ),
    CoreValue.COMPETENT: gettext_lazy(
        "Builds own competence to meet ever-changing challenges; helps others learn; does every task to the best "
        "quality."
    ),
    CoreValue.HARMONIOUS: gettext_lazy(
        "Respects everyone whatever their background; likes to help others; builds a conducive working environment."
    ),
    CoreValue.LOYAL: gettext_lazy(
        "Holds to Pancasila and the 1945 Constitution, is faithful to the Unitary State and its lawful government; "
        "guards the good name of fellow civil servants, leaders, the agency and the state; keeps official secrets."
    ),
    CoreValue.ADAPTIVE: gettext_lazy(
        "Adjusts quickly to change; keeps innovating and developing creativity; acts proactively."
    ),
    CoreValue.COLLABORATIVE: gettext_lazy(
        "Gives everyone the chance to contribute; open to working together to add value; mobilises resources "
        "for shared goals."
    ),
}
