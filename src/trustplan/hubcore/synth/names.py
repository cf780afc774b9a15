"""Names for the synthetic city: first names and surnames of several communities, and the
nicknames and spellings that make one person's name differ between agencies.

Linkage is only tested honestly against names as varied as a real English city's: common
surnames shared by many unrelated families (Smith, Khan, Patel, Ali, Nowak), the same name spelt
several ways (Mohammed, Muhammad, Mohamed), people known by a short form (Bill for William),
accented and apostrophe names that some systems cannot store (Wójcik, Róisín, O'Brien), Polish
surnames that change with sex (Kowalski, Kowalska), and English first names whose popularity
changed between generations. Every list is ordered roughly by frequency, and ``Pool`` draws
earlier names more often, as real name frequencies do. The lists are ordinary names, not any
real person's record.
"""

from __future__ import annotations

import bisect
import itertools
import random
import unicodedata
from dataclasses import dataclass, field
from typing import Final


@dataclass(frozen=True)
class Pool:
    """Names drawn with falling frequency down the list (a Zipf-like law)."""

    names: tuple[str, ...]
    _cumulative: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        weights = (1.0 / (rank + 30) for rank in range(len(self.names)))
        object.__setattr__(self, "_cumulative", tuple(itertools.accumulate(weights)))

    def draw(self, rng: random.Random) -> str:
        index = bisect.bisect_right(self._cumulative, rng.random() * self._cumulative[-1])
        return self.names[min(index, len(self.names) - 1)]


def _pool(text: str) -> Pool:
    return Pool(tuple(text.split()))


@dataclass(frozen=True)
class Community:
    """A naming tradition. First names come by sex and by generation (born before 1970, 1970
    to 1994, from 1995) where fashions differ; a community with one list uses it for all three.
    ``english_first`` is the chance that a child born here from 1995 gets an English first name
    instead. ``gendered_surnames``: a woman's surname ending -ski/-cki/-dzki ends -ska/-cka/-dzka.
    """

    key: str
    female: tuple[Pool, Pool, Pool]
    male: tuple[Pool, Pool, Pool]
    surnames: Pool
    english_first: float = 0.0
    gendered_surnames: bool = False


def _one(text: str) -> tuple[Pool, Pool, Pool]:
    pool = _pool(text)
    return (pool, pool, pool)


ENGLISH: Final = Community(
    key="english",
    female=(
        _pool(
            "Margaret Patricia Susan Linda Christine Janet Elizabeth Barbara Carol Sandra Jean "
            "Pauline Brenda Maureen Valerie Sheila Joan Anne Gillian Julie Jacqueline Lynn Diane "
            "Kathleen Helen Irene Doreen Marion Wendy Angela Deborah Elaine Hazel Shirley Ann "
            "Mary Dorothy Joyce Rosemary Beryl Sylvia June Vivienne Josephine Eileen Denise "
            "Frances Judith Lesley Carole Pamela Veronica Yvonne Rita Teresa Gwendoline"
        ),
        _pool(
            "Sarah Claire Emma Nicola Lisa Joanne Michelle Rachel Samantha Louise Kelly Donna "
            "Victoria Rebecca Karen Amanda Kerry Laura Catherine Gemma Hayley Natalie Stacey "
            "Leanne Zoe Jennifer Charlotte Kirsty Lindsey Tracey Dawn Katherine Lucy Jessica "
            "Stephanie Danielle Jodie Alison Anna Caroline Elizabeth Sophie Amy Hannah Kimberley "
            "Melanie Sharon Abigail Jenna Carly Lauren Vicky Cheryl Alexandra Holly Rachael"
        ),
        _pool(
            "Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Willow Freya "
            "Florence Emily Ella Poppy Evie Elsie Charlotte Evelyn Sienna Sofia Daisy Phoebe "
            "Harper Millie Ruby Matilda Alice Erin Chloe Ellie Jessica Holly Scarlett Maisie Lucy "
            "Eva Georgia Megan Molly Bethany Jasmine Lola Imogen Hollie Summer Esme Layla Darcey "
            "Elizabeth Isabelle Abigail Amber Paige Eleanor Lacey Tilly Harriet Mollie Orla"
        ),
    ),
    male=(
        _pool(
            "John David Michael Peter Robert Alan Brian Paul Richard Christopher Stephen Anthony "
            "Keith Kenneth Colin Terence Barry Graham Roger Geoffrey Derek Raymond Malcolm Trevor "
            "Dennis Ronald William Thomas James George Philip Martin Roy Gordon Leslie Frank "
            "Norman Edward Ian Clive Nigel Douglas Harold Albert Charles Stanley Arthur Eric "
            "Gerald Frederick Bernard Donald Maurice Alfred"
        ),
        _pool(
            "Daniel Matthew James Christopher Andrew David Mark Paul Richard Lee Craig Darren "
            "Jason Stephen Michael Robert Adam Thomas Jonathan Wayne Simon Gary Ben Benjamin Luke "
            "Ryan Scott Carl Neil Dean Jamie Steven Anthony Kevin Shaun Ashley Nicholas Samuel "
            "Alexander Joseph Philip Liam Karl Stuart Martin Timothy Peter Edward Gareth William "
            "Russell Aaron Dale Kieran Ross"
        ),
        _pool(
            "Oliver George Noah Arthur Leo Harry Oscar Archie Henry Theodore Freddie Jack Charlie "
            "Theo Alfie Jacob Thomas Finley Arlo William Lucas Isaac Tommy Joshua Ethan Max "
            "Alexander James Mason Edward Samuel Joseph Logan Daniel Reuben Harrison Riley Albert "
            "Jude Dylan Ronnie Teddy Hugo Louie Toby Elliot Rory Sebastian Benjamin Lewis Callum "
            "Tyler Kai Jayden Frankie Bobby Connor Ollie Zachary Jenson"
        ),
    ),
    surnames=_pool(
        "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson "
        "Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Jackson Wood "
        "Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen "
        "James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly "
        "Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Marshall "
        "Anderson Simpson Ellis Adams Wilkinson Foster Chapman Powell Webb Rogers Gray Mason Hunt "
        "Campbell Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler Russell Barker "
        "Fisher Stevens Jenkins Murray Dixon Harvey Graham Pearson Fletcher Walsh Gibson Howard "
        "Andrews Stewart Elliott Reynolds Saunders Payne Fox Ford Pearce Day Brooks West Lawrence "
        "Cole Atkinson Bradley Spencer Gill Dawson Ball Burton O'Brien Watts Rose Booth Perry "
        "Ryan Grant Wells Armstrong Francis Rees Hayes Hart Hudson Newman Barrett Webster Hunter "
        "Gregory Carr Lowe Page Marsh Riley Dunn Woods Parsons Berry Stone Reid Holland Hawkins "
        "Harding Porter Robertson Newton Oliver Reed Kennedy Williamson Bird Gardner Dean Lane "
        "Cooke Bates Henderson Parry Burgess Bishop Walton Burns Nicholson Shepherd Ross Cross "
        "Long Freeman Warren Nicholls Hamilton Byrne Sutton McDonald Yates Hodgson Robson Curtis "
        "Hopkins O'Connor Harper Coleman Watkins Moss McCarthy Chambers O'Neill Griffin Sharp "
        "Hardy Wheeler Potter Osborne Johnston Gordon Doyle Wallace George Jordan Hutchinson Rowe "
        "Burke May Pritchard Gilbert Willis Higgins Read Miles Stevenson Stephenson Hammond "
        "Arnold Buckley Walters Hewitt Barber Nelson Slater Austin Sullivan Whitehead Mann Frost "
        "Lambert Stephens Blake Lynch Goodwin Barton Woodward Thomson Cunningham Quinn Barnett "
        "Baxter Clayton Nash Greenwood Jennings Holt Kemp Poole Gallagher Bond Stokes Tucker "
        "Davidson Fowler Heath Norman Middleton Lawson Banks French Stanley Jarvis Gibbs Ferguson "
        "Hayward Carroll Douglas Hicks Abbott Henry Pike Lamb Fraser Hope Sims Dyer Bryant "
        "Smith-Jones Rhodes Hurst Fuller Wyatt Tyler Sparks Horton Cartwright Benson Sykes"
    ),
)

IRISH: Final = Community(
    key="irish",
    female=_one(
        "Siobhán Aoife Niamh Ciara Orla Róisín Sinéad Aisling Caoimhe Saoirse Gráinne Maeve "
        "Bridget Eimear Clodagh Deirdre Máiréad Nuala Fionnuala Sorcha Mary Catherine Áine"
    ),
    male=_one(
        "Seán Patrick Ciarán Declan Conor Pádraig Eoin Cathal Niall Liam Ronan Cian Oisín "
        "Darragh Fergal Colm Dermot Éamon Kieran Séamus Michael Dónal Brendan"
    ),
    surnames=_pool(
        "Murphy Kelly O'Sullivan Walsh O'Brien Byrne Ryan O'Connor O'Neill O'Reilly Doyle "
        "McCarthy Gallagher O'Doherty Kennedy Lynch Murray Quinn Moore McLoughlin O'Carroll "
        "Connolly Daly O'Connell Brennan Fitzgerald Nolan Kavanagh Keane Flanagan Maguire Duffy "
        "Brady Hegarty Sheehan Power Whelan Dunne"
    ),
    english_first=0.35,
)

POLISH: Final = Community(
    key="polish",
    female=_one(
        "Anna Katarzyna Małgorzata Agnieszka Magdalena Joanna Monika Aleksandra Natalia Zofia "
        "Julia Maja Zuzanna Wiktoria Oliwia Ewa Barbara Marta Karolina Dominika Paulina Justyna "
        "Beata Dorota Weronika Alicja Hanna Lena"
    ),
    male=_one(
        "Piotr Krzysztof Tomasz Paweł Michał Marcin Łukasz Jakub Kamil Mateusz Adam Wojciech "
        "Grzegorz Dawid Szymon Filip Jan Bartosz Rafał Marek Kacper Antoni Aleksander Mikołaj "
        "Stanisław Oskar Igor"
    ),
    surnames=_pool(
        "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański "
        "Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski "
        "Nowakowski Pawłowski Michalski Nowicki Adamczyk Dudek Zając Wieczorek Jabłoński Król "
        "Majewski Olszewski Jaworski Wróbel Malinowski Pawlak Witkowski Walczak Stępień Górski "
        "Rutkowski Michalak Sikora Baran Duda Szewczyk Tomaszewski Pietrzak Marciniak Wróblewski"
    ),
    english_first=0.1,
    gendered_surnames=True,
)

SOUTH_ASIAN: Final = Community(
    key="south_asian",
    female=_one(
        "Fatima Aisha Ayesha Zainab Maryam Priya Anjali Sunita Pooja Neha Nadia Sana Amina "
        "Sabrina Shabana Rukhsana Nazia Farzana Rubina Yasmin Hina Simran Harpreet Manpreet "
        "Gurpreet Jaspreet Parveen Shazia Asma Samina Anika Riya Zara Inaya Hafsa Kiran Sonia "
        "Meera Divya Lakshmi Nasreen Shamima Taslima"
    ),
    male=_one(
        "Mohammed Muhammad Ahmed Ali Hassan Imran Asif Tariq Bilal Usman Omar Zain Ibrahim "
        "Yusuf Hamza Amir Faisal Raj Ravi Sanjay Amit Vikram Rahul Arjun Harjit Gurdeep "
        "Jaswinder Sukhdev Manjit Rajesh Vijay Anil Deepak Kabir Ayaan Aarav Rohan Nikhil "
        "Shahid Rashid Karim Abdul Mohammad Sohail Jamal"
    ),
    surnames=_pool(
        "Patel Khan Hussain Ahmed Ali Shah Begum Singh Kaur Sharma Kumar Chowdhury Rahman Islam "
        "Miah Uddin Akhtar Iqbal Mahmood Malik Qureshi Butt Aslam Siddiqui Sheikh Raza Gill "
        "Sandhu Dhillon Mistry Desai Joshi Parmar Chauhan Rana Bains Sidhu Hossain Choudhury "
        "Javed Anwar Nawaz Bibi Mirza Hussein Sadiq Bhatti Chaudhry Grewal"
    ),
    english_first=0.05,
)

CHINESE: Final = Community(
    key="chinese",
    female=_one(
        "Mei Li Xin Yan Hui Jing Ying Lin Fang Hong Xiaoling Jia Yu Qing Ling Xue Lan Min Ting Wen"
    ),
    male=_one(
        "Wei Jun Hao Lei Ming Jian Tao Bo Yang Feng Jie Peng Long Qiang Kai Zhi Bin Rui "
        "Chen Xiang Yong"
    ),
    surnames=_pool(
        "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Lin Guo He Gao Luo "
        "Zheng Liang Wong Chan Cheung Lau Leung Ng Lam Ho Tang Yip Lee Cheng Yeung"
    ),
    english_first=0.45,
)

SOMALI: Final = Community(
    key="somali",
    female=_one(
        "Hodan Fadumo Hawa Ayan Sahra Hibo Ifrah Amina Asha Deeqa Hamdi Khadija Sagal Nimco "
        "Ubah Farhiya Idil Layla Muna Faduma Maryan Safiya Ikran"
    ),
    male=_one(
        "Abdi Abdirahman Abdullahi Mohamed Ahmed Hassan Ali Omar Yusuf Ismail Abdikarim Mahad "
        "Liban Hamza Guled Bashir Farah Said Osman Mustafe Abdiaziz Khalid Zakariye"
    ),
    surnames=_pool(
        "Abdi Ali Hassan Mohamed Farah Warsame Omar Hussein Ahmed Yusuf Osman Nur Jama Ismail "
        "Aden Abdullahi Egal Dahir Hirsi Mohamud Elmi Duale Guled Ibrahim Abdulle Hersi Isse "
        "Gedi Adan"
    ),
    english_first=0.03,
)

WEST_AFRICAN: Final = Community(
    key="west_african",
    female=_one(
        "Grace Blessing Chioma Ngozi Adaeze Folake Funmilayo Yetunde Abimbola Temitope Kemi "
        "Precious Ama Akosua Abena Efua Adwoa Esi Favour Joy Comfort Chidinma Ifeoma Deborah "
        "Esther Oluwaseun Adesola"
    ),
    male=_one(
        "Samuel Emmanuel Chinedu Emeka Obinna Oluwaseun Olumide Babatunde Adewale Tunde Segun "
        "Femi Kwame Kofi Kwabena Yaw Kojo Kwesi Daniel David Chukwuemeka Ikenna Tobi Ayodele "
        "Joseph Michael Godwin"
    ),
    surnames=_pool(
        "Adeyemi Okafor Mensah Boateng Owusu Okonkwo Adebayo Oladipo Asante Osei Adeleke "
        "Ogunleye Nwosu Eze Okeke Obi Agyeman Appiah Darko Ofori Bello Balogun Akinola Ibekwe "
        "Nwachukwu Okoro Amoah Addo Opoku Oyelaran Adeyinka Ojo"
    ),
    english_first=0.25,
)

ARABIC: Final = Community(
    key="arabic",
    female=_one(
        "Fatima Aisha Maryam Noor Layla Yasmin Sara Hana Rania Dalia Lina Salma Amira Huda Reem "
        "Nour Zeinab Hala Samira Mona Rasha Dina"
    ),
    male=_one(
        "Mohammed Ahmed Ali Omar Khalid Hassan Hussein Youssef Ibrahim Mahmoud Mustafa Karim "
        "Tariq Sami Walid Adel Nabil Rami Faris Ziad Yasser Hamza"
    ),
    surnames=_pool(
        "Al-Sayed Hassan Ibrahim Mahmoud Abdullah Salem Haddad Khalil Nasser Aziz Saleh "
        "Mansour Farouk Hamdan Al-Amin Rashid Othman Qasim Sharif Yassin Darwish Jaber Khoury "
        "Suleiman Bakr Al-Hashimi"
    ),
    english_first=0.05,
)

COMMUNITIES: Final = {
    c.key: c for c in (ENGLISH, IRISH, POLISH, SOUTH_ASIAN, CHINESE, SOMALI, WEST_AFRICAN, ARABIC)
}

# Each group is one name's forms: a formal name, its short forms, its other spellings and, for a
# few Polish names, the English form a person may give. Groups may share a form (Sam).
_VARIANT_GROUPS: Final = (
    "William Bill Will Billy",
    "Elizabeth Liz Beth Lizzie Betty Eliza",
    "Robert Rob Bob Bobby Robbie",
    "Richard Rich Rick Richie",
    "James Jim Jimmy",
    "Michael Mike Mick Mikey",
    "Thomas Tom Tommy",
    "Christopher Chris",
    "Daniel Dan Danny",
    "Matthew Matt",
    "Anthony Tony",
    "Joseph Joe Joey",
    "Samuel Sam Sammy",
    "Benjamin Ben Benny",
    "Alexander Alex Alec",
    "Jonathan Jon Jonny",
    "Nicholas Nick Nicky",
    "Edward Ed Eddie Ted Teddy",
    "Charles Charlie Chas",
    "Frederick Fred Freddie",
    "Alfred Alf Alfie",
    "Theodore Theo",
    "Andrew Andy Drew",
    "Stephen Steve Stevie",
    "Steven Steve Stevie",
    "Kenneth Ken Kenny",
    "Timothy Tim Timmy",
    "Raymond Ray",
    "Margaret Maggie Peggy Meg",
    "Katherine Kate Katie Kathy",
    "Catherine Cath Cathy Kate Katie",
    "Kathleen Kath Kathy",
    "Jennifer Jenny Jen",
    "Rebecca Becky Becca",
    "Victoria Vicky Tori",
    "Samantha Sam Sammy",
    "Alexandra Alex Lexi",
    "Jessica Jess Jessie",
    "Abigail Abi Abby",
    "Deborah Debbie Deb",
    "Patricia Pat Trish",
    "Susan Sue Suzy",
    "Christine Chris Chrissie",
    "Amanda Mandy",
    "Jacqueline Jackie Jacqui",
    "Pamela Pam",
    "Gillian Gill Jill",
    "Dorothy Dot",
    "Josephine Jo Josie",
    "Natalie Nat",
    "Nicola Nicky Nikki",
    "Stephanie Steph",
    "Kimberley Kim",
    "Charlotte Charlie Lottie",
    "Isabella Bella Izzy",
    "Isabelle Izzy Belle",
    "Florence Flo Florrie",
    "Matilda Tilly Tilda",
    "Amelia Millie",
    "Olivia Liv Livvy",
    "Eleanor Ellie Nell",
    "Mohammed Muhammad Mohamed Mohammad Mohamad",
    "Ahmed Ahmad",
    "Yusuf Yousef Youssef",
    "Hussein Hussain Husain",
    "Hassan Hasan",
    "Ibrahim Ebrahim",
    "Omar Umar",
    "Abdullahi Abdullah",
    "Osman Usman",
    "Fatima Fatimah Fadumo Faduma",
    "Aisha Ayesha Aysha",
    "Maryam Mariam Maryan",
    "Zainab Zeinab Zaynab",
    "Mustafa Mustafe Mostafa",
    "Khadija Khadijah",
    "Katarzyna Kasia",
    "Małgorzata Gosia",
    "Wojciech Wojtek",
    "Aleksander Olek",
    "Aleksandra Ola",
    "Piotr Peter",
    "Paweł Paul",
    "Jakub Kuba Jacob",
    "Seán Sean Shaun",
    "Oluwaseun Seun",
    "Babatunde Tunde",
    "Funmilayo Funmi",
    "Temitope Tope",
    "Chukwuemeka Emeka",
)


def _variants() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for group in _VARIANT_GROUPS:
        forms = group.split()
        for name in forms:
            known = found.setdefault(name, [])
            known.extend(form for form in forms if form != name and form not in known)
    return {name: tuple(forms) for name, forms in found.items()}


VARIANTS: Final = _variants()
"""Each name's other forms: short forms, spellings and anglicised forms."""

_NOT_DECOMPOSED: Final = str.maketrans({"ł": "l", "Ł": "L", "'": "", "-": " "})


def simplified(name: str) -> str:
    """The name as a system that cannot store accents, apostrophes or hyphens records it:
    Wójcik as Wojcik, Łukasz as Lukasz, O'Brien as OBrien, Al-Sayed as Al Sayed."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_NOT_DECOMPOSED))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def surname_for(surname: str, sex: str, community: Community) -> str:
    """The surname in the form a person of this sex carries it (Kowalski, Kowalska)."""
    if community.gendered_surnames and sex == "F" and surname.endswith("ki"):
        return surname[:-1] + "a"
    return surname


def first_name(rng: random.Random, community: Community, sex: str, birth_year: int) -> str:
    """A first name for someone of this community, sex and year of birth."""
    if birth_year >= 1995 and rng.random() < community.english_first:
        community = ENGLISH
    generation = 0 if birth_year < 1970 else 1 if birth_year < 1995 else 2
    pools = community.female if sex == "F" else community.male
    return pools[generation].draw(rng)
