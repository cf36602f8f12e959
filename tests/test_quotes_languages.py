"""Quotes and speakers in German, French, Spanish, Italian, Portuguese, Dutch, Polish, Russian,
Greek and Chinese.

Each language's news style, in sentences written for these tests: the quote before and after
its attribution, introduced by a colon, split by the attribution, a fragment inside the
reporter's sentence, a scare quote, a pronoun (or a left-out subject) resolved to the person
named before, a quote going on into the next paragraph. Each case lists, for every quote of
the paragraphs in order: its text, kind, speaker mention, verb and `speaker_name`. Then: a
language without a table finds quotes and names no speaker, and a user's table adds a
language.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.document import Quote
from cleaner.rules import RuleTableError
from cleaner.structure.quotes import find_quotes, load_quote_rules
from cleaner.structure.speakers import resolve_speakers

Expected = tuple[str, str, str | None, str | None, str | None]


def resolved(language: str, *paragraphs: str, directories: tuple[str, ...] = ()) -> list[Quote]:
    rules = load_quote_rules(language, directories)
    return list(resolve_speakers(find_quotes(paragraphs, rules), paragraphs, (), rules))


def described(quote: Quote) -> Expected:
    speaker = quote.speaker.text if quote.speaker else None
    return quote.span.text, quote.kind, speaker, quote.verb, quote.speaker_name


CASES: list[tuple[str, tuple[str, ...], list[Expected]]] = [
    # --- German ---------------------------------------------------------------------------
    ("de", ("„Wir müssen die Energiepreise senken“, sagte Olaf Scholz.",),
     [("Wir müssen die Energiepreise senken", "full", "Olaf Scholz", "sagte", "Olaf Scholz")]),
    ("de", ("„Die Lage ist ernst“, sagte der Bundeskanzler Olaf Scholz am Montag in Berlin.",),
     [("Die Lage ist ernst", "full", "der Bundeskanzler Olaf Scholz", "sagte", "Olaf Scholz")]),
    ("de", ("Die Finanzministerin Petra Lang sagte am Dienstag: „Wir sparen, wo wir können.“",),
     [("Wir sparen, wo wir können.", "full", "Die Finanzministerin Petra Lang", "sagte",
       "Petra Lang")]),
    ("de", ("Am Mittwoch erklärte Pressesprecherin Anna Becker vor Journalisten: „Wir prüfen "
            "alle Optionen.“",),
     [("Wir prüfen alle Optionen.", "full", "Pressesprecherin Anna Becker", "erklärte",
       "Anna Becker")]),
    ("de", ("„Die Zahlen sind vorläufig“, sagte Max Weber, Sprecher des Ministeriums. „Sie "
            "werden im Mai veröffentlicht.“",),
     [("Die Zahlen sind vorläufig", "full", "Max Weber", "sagte", "Max Weber"),
      ("Sie werden im Mai veröffentlicht.", "full", "Max Weber", "sagte", "Max Weber")]),
    ("de", ("Weber sagte, die Regierung habe „alle Warnungen der Fachleute in den Wind "
            "geschlagen“.",),
     [("alle Warnungen der Fachleute in den Wind geschlagen", "partial", "Weber", "sagte",
       "Weber")]),
    ("de", ("Der sogenannte „Doppelwumms“ soll die Preise bremsen.",),
     [("Doppelwumms", "scare", None, None, None)]),
    ("de", ("„Wir halten Wort“, sagte die Ministerin Petra Lang.",
            "„Wir haben keine Zeit zu verlieren“, fügte sie hinzu.",
            "„Das wird teuer“, hat sie am Dienstag gesagt.",
            "„Daran führt kein Weg vorbei“, so Lang."),
     [("Wir halten Wort", "full", "die Ministerin Petra Lang", "sagte", "Petra Lang"),
      ("Wir haben keine Zeit zu verlieren", "full", "sie", "fügte", "Petra Lang"),
      ("Das wird teuer", "full", "sie", "gesagt", "Petra Lang"),
      ("Daran führt kein Weg vorbei", "full", "Lang", "so", "Petra Lang")]),
    ("de", ("Max Weber sagte: „Wir werden alles prüfen.", "„Und wir werden darüber berichten.“"),
     [("Wir werden alles prüfen.", "full", "Max Weber", "sagte", "Max Weber")]),
    ("de", ("»Wir bleiben hier«, sagte Ursula von der Leyen.",),
     [("Wir bleiben hier", "full", "Ursula von der Leyen", "sagte", "Ursula von der Leyen")]),
    ("de", ("„Das gilt z. B. für Mieten. Und für Strom“, sagte Prof. Dr. Karl Schmidt.",),
     [("Das gilt z. B. für Mieten. Und für Strom", "full", "Prof. Dr. Karl Schmidt", "sagte",
       "Karl Schmidt")]),
    # a German page typed with English marks keeps its quotes
    ("de", ("“Wir bleiben hier”, sagte der Trainer Jonas Hahn.",),
     [("Wir bleiben hier", "full", "der Trainer Jonas Hahn", "sagte", "Jonas Hahn")]),
    # --- French ---------------------------------------------------------------------------
    ("fr", ("« Nous allons baisser les impôts », a déclaré Emmanuel Durand.",),
     [("Nous allons baisser les impôts", "full", "Emmanuel Durand", "a déclaré",
       "Emmanuel Durand")]),
    # with the no-break space before the colon and the thin spaces inside the guillemets
    ("fr", ("Le maire, Paul Girard, a déclaré\u00a0: «\u202fNous tiendrons nos engagements."
            "\u202f»",),
     [("Nous tiendrons nos engagements.", "full", "Le maire", "a déclaré", "Paul Girard")]),
    ("fr", ("« Le texte sera voté », a affirmé la ministre de la Santé, Claire Martin, mardi.",
            "« La situation est grave », a-t-elle ajouté.",
            "« Il faut agir vite », explique-t-elle."),
     [("Le texte sera voté", "full", "la ministre de la Santé, Claire Martin", "a affirmé",
       "Claire Martin"),
      ("La situation est grave", "full", "elle", "a-t-elle ajouté", "Claire Martin"),
      ("Il faut agir vite", "full", "elle", "explique", "Claire Martin")]),
    ("fr", ("« Cette loi est injuste, affirme Claire Martin. Nous la combattrons. »",),
     [("Cette loi est injuste,", "full", "Claire Martin", "affirme", "Claire Martin"),
      ("Nous la combattrons.", "full", "Claire Martin", "affirme", "Claire Martin")]),
    ("fr", ("Selon le porte-parole du gouvernement, « rien n'est encore décidé ».",),
     [("rien n'est encore décidé", "full", "le porte-parole du gouvernement", "selon", None)]),
    ("fr", ("Le maire a estimé que la réforme était « une erreur historique pour la ville ».",),
     [("une erreur historique pour la ville", "partial", "Le maire", "a estimé", None)]),
    ("fr", ("Le projet de « contre-sommet » a été abandonné.",),
     [("contre-sommet", "scare", None, None, None)]),
    ("fr", ("Claire Martin a expliqué : « Nous avons besoin de moyens.",
            "« Et nous les obtiendrons. »"),
     [("Nous avons besoin de moyens.", "full", "Claire Martin", "a expliqué",
       "Claire Martin")]),
    # --- Spanish --------------------------------------------------------------------------
    ("es", ("“Vamos a bajar los impuestos”, dijo Pedro Sánchez.",
            "“No hay marcha atrás”, aseguró."),
     [("Vamos a bajar los impuestos", "full", "Pedro Sánchez", "dijo", "Pedro Sánchez"),
      ("No hay marcha atrás", "full", None, "aseguró", "Pedro Sánchez")]),
    ("es", ("«La economía crece», afirmó el ministro de Economía, Carlos Ruiz, este lunes.",),
     [("La economía crece", "full", "el ministro de Economía, Carlos Ruiz", "afirmó",
       "Carlos Ruiz")]),
    ("es", ("La alcaldesa Ana Gómez dijo: “Nadie se quedará atrás”.",
            "“Es una gran noticia”, ha dicho ella."),
     [("Nadie se quedará atrás", "full", "La alcaldesa Ana Gómez", "dijo", "Ana Gómez"),
      ("Es una gran noticia", "full", "ella", "ha dicho", "Ana Gómez")]),
    ("es", ("“Lo haremos”, dijo Gómez. “Y lo haremos bien”.",),
     [("Lo haremos", "full", "Gómez", "dijo", "Gómez"),
      ("Y lo haremos bien", "full", "Gómez", "dijo", "Gómez")]),
    ("es", ("Lo explicó la Sra. Gómez. “Es urgente”, dijo la Sra. Gómez.",),
     [("Es urgente", "full", "la Sra. Gómez", "dijo", "Gómez")]),
    ("es", ("Según el portavoz del Gobierno, “las medidas llegarán pronto”.",),
     [("las medidas llegarán pronto", "full", "el portavoz del Gobierno", "según", None)]),
    ("es", ("Sánchez dijo que la reforma es “imprescindible para el futuro del país”.",),
     [("imprescindible para el futuro del país", "partial", "Sánchez", "dijo", "Sánchez")]),
    ("es", ("El llamado “efecto rebote” preocupa a los bancos.",),
     [("efecto rebote", "scare", None, None, None)]),
    ("es", ("—Vamos a ganar —dijo el entrenador Luis Pérez—. Nadie nos va a parar.",),
     [("Vamos a ganar", "full", "el entrenador Luis Pérez", "dijo", "Luis Pérez"),
      ("Nadie nos va a parar.", "full", "el entrenador Luis Pérez", "dijo", "Luis Pérez")]),
    ("es", ("Ana Gómez explicó: “Vamos a construir mil viviendas.",
            "“Y serán para los jóvenes”."),
     [("Vamos a construir mil viviendas.", "full", "Ana Gómez", "explicó", "Ana Gómez")]),
    # --- Italian --------------------------------------------------------------------------
    ("it", ("“Dobbiamo abbassare le tasse”, ha detto il premier Mario Rossi.",
            "“È una buona notizia”, ha aggiunto."),
     [("Dobbiamo abbassare le tasse", "full", "il premier Mario Rossi", "ha detto",
       "Mario Rossi"),
      ("È una buona notizia", "full", None, "ha aggiunto", "Mario Rossi")]),
    ("it", ("Il sindaco Anna Bianchi ha spiegato: «Il cantiere partirà a giugno».",
            "«Siamo pronti – ha detto lei – a tutto»."),
     [("Il cantiere partirà a giugno", "full", "Il sindaco Anna Bianchi", "ha spiegato",
       "Anna Bianchi"),
      ("Siamo pronti", "full", "lei", "ha detto", "Anna Bianchi"),
      ("a tutto", "full", "lei", "ha detto", "Anna Bianchi")]),
    ("it", ("“Il paziente sta meglio”, ha detto il dott. Marco Ferri.",),
     [("Il paziente sta meglio", "full", "il dott. Marco Ferri", "ha detto", "Marco Ferri")]),
    ("it", ("Secondo il ministro, “la crescita continua”.",),
     [("la crescita continua", "full", "il ministro", "secondo", None)]),
    ("it", ("Rossi ha detto che il piano è “una scelta obbligata per il Paese”.",),
     [("una scelta obbligata per il Paese", "partial", "Rossi", "ha detto", "Rossi")]),
    ("it", ("Il cosiddetto “decreto flussi” è stato rinviato.",),
     [("decreto flussi", "scare", None, None, None)]),
    ("it", ("Mario Rossi ha detto: «Non ci fermeremo.", "«E lo dimostreremo»."),
     [("Non ci fermeremo.", "full", "Mario Rossi", "ha detto", "Mario Rossi")]),
    # --- Portuguese -----------------------------------------------------------------------
    ("pt", ('"Vamos baixar os impostos", disse o presidente Luiz Inácio Lula da Silva.',
            '"É uma vergonha", critica.'),
     [("Vamos baixar os impostos", "full", "o presidente Luiz Inácio Lula da Silva", "disse",
       "Luiz Inácio Lula da Silva"),
      ("É uma vergonha", "full", None, "critica", "Luiz Inácio Lula da Silva")]),
    ("pt", ("A ministra Marina Costa afirmou: «O orçamento está equilibrado».",
            "«Não haverá cortes», garantiu ela."),
     [("O orçamento está equilibrado", "full", "A ministra Marina Costa", "afirmou",
       "Marina Costa"),
      ("Não haverá cortes", "full", "ela", "garantiu", "Marina Costa")]),
    ("pt", ('Segundo o senador, "a proposta não tem apoio".',),
     [("a proposta não tem apoio", "full", "o senador", "segundo", None)]),
    ("pt", ('Costa disse que a reforma é "uma prioridade do governo federal".',),
     [("uma prioridade do governo federal", "partial", "Costa", "disse", "Costa")]),
    ("pt", ('O chamado "orçamento secreto" voltou ao debate.',),
     [("orçamento secreto", "scare", None, None, None)]),
    ("pt", ('Marina Costa disse: "Vamos trabalhar.', '"E vamos entregar."'),
     [("Vamos trabalhar.", "full", "Marina Costa", "disse", "Marina Costa")]),
    # --- Dutch ----------------------------------------------------------------------------
    ("nl", ("„We moeten de lasten verlagen”, zei premier Mark de Vries.",
            "„Het wordt een moeilijk jaar”, legt hij uit.",
            "„Dit is onacceptabel”, aldus De Vries."),
     [("We moeten de lasten verlagen", "full", "premier Mark de Vries", "zei", "Mark de Vries"),
      ("Het wordt een moeilijk jaar", "full", "hij", "legt", "Mark de Vries"),
      ("Dit is onacceptabel", "full", "De Vries", "aldus", "De Vries")]),
    ("nl", ("Minister Anna Jansen zei: „We gaan door.”",
            "„We gaan door”, heeft de woordvoerder gezegd."),
     [("We gaan door.", "full", "Minister Anna Jansen", "zei", "Anna Jansen"),
      ("We gaan door", "full", "de woordvoerder", "gezegd", None)]),
    ("nl", ("Volgens Jansen is het plan „niet haalbaar zonder extra geld”.",),
     [("niet haalbaar zonder extra geld", "partial", "Jansen", "Volgens", "Jansen")]),
    ("nl", ("De zogenaamde „taskforce” kwam niet bijeen.",),
     [("taskforce", "scare", None, None, None)]),
    ("nl", ("„Het is tijd”, zei Jansen. „We wachten al te lang.”",
            "Jansen zei: „We beginnen morgen.", "„En we stoppen niet.”"),
     [("Het is tijd", "full", "Jansen", "zei", "Jansen"),
      ("We wachten al te lang.", "full", "Jansen", "zei", "Jansen"),
      ("We beginnen morgen.", "full", "Jansen", "zei", "Jansen")]),
    # --- Polish ---------------------------------------------------------------------------
    ("pl", ("„Musimy obniżyć podatki” – powiedział premier Jan Kowalski.",
            "„To był trudny rok” – dodał."),
     [("Musimy obniżyć podatki", "full", "premier Jan Kowalski", "powiedział", "Jan Kowalski"),
      ("To był trudny rok", "full", None, "dodał", "Jan Kowalski")]),
    ("pl", ("– Jesteśmy gotowi na rozmowy – mówi Anna Nowak, rzeczniczka ministerstwa.",),
     [("Jesteśmy gotowi na rozmowy", "full", "Anna Nowak", "mówi", "Anna Nowak")]),
    ("pl", ("Według ministra sytuacja jest „stabilna i pod pełną kontrolą”.",),
     [("stabilna i pod pełną kontrolą", "partial", "ministra", "Według", None)]),
    ("pl", ("Tak zwany „podatek cyfrowy” wraca.",),
     [("podatek cyfrowy", "scare", None, None, None)]),
    ("pl", ("Anna Nowak powiedziała: „Zaczynamy od jutra.", "„I nie przestaniemy.”"),
     [("Zaczynamy od jutra.", "full", "Anna Nowak", "powiedziała", "Anna Nowak")]),
    # --- Russian --------------------------------------------------------------------------
    ("ru", ("«Мы рассчитываем, что речные прогулки снова станут привычными», — сказал директор "
            "порта Сергей Волков.",
            "«Это был трудный год», — добавил он."),
     [("Мы рассчитываем, что речные прогулки снова станут привычными",
       "full", "директор порта Сергей Волков", "сказал", "Сергей Волков"),
      ("Это был трудный год", "full", "он", "добавил", "Сергей Волков")]),
    ("ru", ("Министр финансов Антон Силуанов заявил: «Бюджет будет исполнен в срок».",),
     [("Бюджет будет исполнен в срок",
       "full", "Министр финансов Антон Силуанов", "заявил", "Антон Силуанов")]),
    ("ru", ("— Мы готовы к переговорам, — говорит Анна Смирнова, пресс-секретарь министерства.",),
     [("Мы готовы к переговорам,", "full", "Анна Смирнова", "говорит", "Анна Смирнова")]),
    ("ru", ("По словам губернатора, ситуация «полностью под контролем и скоро нормализуется».",),
     [("полностью под контролем и скоро нормализуется",
       "partial", "губернатора", "По словам", None)]),
    ("ru", ("Так называемый «налог на роскошь» вернулся.",),
     [("налог на роскошь", "scare", None, None, None)]),
    ("ru", ("«Цены вырастут», — предупредил в понедельник экономист Игорь Петров.",),
     [("Цены вырастут", "full", "экономист Игорь Петров", "предупредил", "Игорь Петров")]),
    ("ru", ("Иван Петров сказал: «Мы начинаем завтра.",
            "«И не остановимся»."),
     [("Мы начинаем завтра.", "full", "Иван Петров", "сказал", "Иван Петров")]),
    # --- Greek ----------------------------------------------------------------------------
    ("el", ("«Είναι το μεγαλύτερο έργο υποδομής της πόλης», δήλωσε ο αντιδήμαρχος συγκοινωνιών "
            "Νίκος Αλεξίου.",
            "«Θα τελειώσει εγκαίρως», είπε."),
     [("Είναι το μεγαλύτερο έργο υποδομής της πόλης",
       "full", "ο αντιδήμαρχος συγκοινωνιών Νίκος Αλεξίου", "δήλωσε", "Νίκος Αλεξίου"),
      ("Θα τελειώσει εγκαίρως", "full", None, "είπε", "Νίκος Αλεξίου")]),
    ("el", ("«Ποιος θα μας αποζημιώσει για τις χαμένες εισπράξεις;» αναρωτήθηκε η ιδιοκτήτρια "
            "ενός βιβλιοπωλείου.",),
     [("Ποιος θα μας αποζημιώσει για τις χαμένες εισπράξεις;",
       "full", "η ιδιοκτήτρια ενός βιβλιοπωλείου", "αναρωτήθηκε", None)]),
    ("el", ("Η δήμαρχος Μαρία Γεωργίου δήλωσε: «Το έργο θα παραδοθεί τον Σεπτέμβριο».",),
     [("Το έργο θα παραδοθεί τον Σεπτέμβριο",
       "full", "Η δήμαρχος Μαρία Γεωργίου", "δήλωσε", "Μαρία Γεωργίου")]),
    ("el", ("Σύμφωνα με τον υπουργό, η κατάσταση είναι «σταθερή και υπό πλήρη έλεγχο».",),
     [("σταθερή και υπό πλήρη έλεγχο", "partial", "τον υπουργό", "Σύμφωνα με", None)]),
    ("el", ("Το λεγόμενο «μετρό της Θεσσαλονίκης» καθυστερεί.",),
     [("μετρό της Θεσσαλονίκης", "scare", None, None, None)]),
    ("el", ("Η Μαρία Γεωργίου είπε: «Ξεκινάμε αύριο.",
            "«Και δεν θα σταματήσουμε.»"),
     [("Ξεκινάμε αύριο.", "full", "Η Μαρία Γεωργίου", "είπε", "Μαρία Γεωργίου")]),
    # --- Chinese --------------------------------------------------------------------------
    ("zh", ("“以前我们只能卖生豆，价格全看别人脸色。”普洱一家咖啡合作社的负责人说，"
            "“现在有了自己的品牌，客户会主动上门谈合作。”",),
     [("以前我们只能卖生豆，价格全看别人脸色。",
       "full", "普洱一家咖啡合作社的负责人", "说", None),
      ("现在有了自己的品牌，客户会主动上门谈合作。",
       "full", "普洱一家咖啡合作社的负责人", "说", None)]),
    ("zh", ("馆长介绍说：“新馆藏书约两百万册。”",),
     [("新馆藏书约两百万册。", "full", "馆长", "介绍说", None)]),
    ("zh", ("李明在会上说：“我们将继续支持企业参加国际展会。”",
            "“这是我们的承诺。”他说。"),
     [("我们将继续支持企业参加国际展会。", "full", "李明", "说", None),
      ("这是我们的承诺。", "full", "他", "说", None)]),
    ("zh", ("「我們明天再來。」她說。",),
     [("我們明天再來。", "full", "她", "說", None)]),
    ("zh", ("这项被称为“一带一路”的倡议已经实施十年。",),
     [("一带一路", "scare", None, None, None)]),
    ("zh", ("省商务厅认为，这是“历史性的突破，将惠及数十万农户”。",),
     [("历史性的突破，将惠及数十万农户", "partial", "省商务厅", "认为", None)]),
    ("zh", ("据专家介绍，“咖啡价格波动较大，种植户应当关注市场变化”。",),
     [("咖啡价格波动较大，种植户应当关注市场变化", "full", "专家", "据", None)]),
    ("zh", ("李明对记者说：“今年的收成很好。",
            "“明年会更好。”"),
     [("今年的收成很好。", "full", "李明", "说", None)]),
]  # fmt: skip


@pytest.mark.parametrize(("language", "paragraphs", "expected"), CASES)
def test_quotes_and_speakers(language: str, paragraphs: tuple[str, ...], expected: list) -> None:
    found = resolved(language, *paragraphs)
    assert [described(quote) for quote in found] == expected
    for quote in found:
        for part in (quote.span, *quote.continued_in, *([quote.speaker] if quote.speaker else [])):
            assert paragraphs[part.paragraph][part.start : part.end] == part.text


@pytest.mark.parametrize(
    ("language", "paragraphs", "continued"),
    [
        ("de", ("Max Weber sagte: „Wir werden alles prüfen.", "„Und wir werden berichten.“"),
         ["Und wir werden berichten."]),
        ("fr", ("Claire Martin a dit : « Nous restons.", "« Et nous luttons. »"),
         ["Et nous luttons."]),
        ("es", ("Ana Gómez dijo: “Nos quedamos.", "“Y seguimos”."), ["Y seguimos"]),
        ("ru", ("Иван Петров сказал: «Мы остаёмся.", "«И мы боремся»."), ["И мы боремся"]),
        ("el", ("Η Μαρία Γεωργίου είπε: «Μένουμε.", "«Και αγωνιζόμαστε.»"), ["Και αγωνιζόμαστε."]),
        ("zh", ("李明说：“我们留下来。", "“我们继续努力。”"), ["我们继续努力。"]),
    ],
)  # fmt: skip
def test_a_quote_goes_on_into_the_next_paragraph(
    language: str, paragraphs: tuple[str, ...], continued: list[str]
) -> None:
    (quote,) = resolved(language, *paragraphs)
    assert [part.text for part in quote.continued_in] == continued


MARKS = "“”\"‘’'«»„‚›‹「」『』—– \u00a0，。："


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["de", "fr", "es", "it", "pt", "nl", "pl", "ru", "el", "zh", "und"]),
    st.lists(
        st.text(alphabet=st.sampled_from(list(MARKS) + list("ab. ,:AB")), max_size=40),
        min_size=1,
        max_size=4,
    ),
)
def test_random_marks_never_break_offsets(language: str, paragraphs: list[str]) -> None:
    for quote in resolved(language, *paragraphs):
        for part in (quote.span, *quote.continued_in, *([quote.speaker] if quote.speaker else [])):
            assert paragraphs[part.paragraph][part.start : part.end] == part.text
            assert part.text.strip()
        assert quote.partial == (quote.kind != "full")


def test_a_speaker_role_after_the_name() -> None:
    (quote,) = resolved("de", "„Wir prüfen das“, sagte Max Weber, Sprecher des Ministeriums.")
    assert quote.speaker_role == "Sprecher des Ministeriums"
    (quote,) = resolved("es", "“Es pronto”, dijo el portavoz del Gobierno, Juan Pérez.")
    assert (quote.speaker_name, quote.speaker_role) == ("Juan Pérez", "el portavoz del Gobierno")


def test_a_dash_line_without_a_reporting_verb_is_not_a_quote() -> None:
    assert resolved("es", "—Vamos a ganar —y se fue corriendo.") == []
    assert resolved("es", "— La economía creció un dos por ciento en marzo.") == []


def test_an_apostrophe_is_never_a_quote_mark() -> None:
    assert resolved("fr", "L’homme qu’on attendait n’est pas venu, dit l’article.") == []
    assert resolved("it", "L’ex ministro dell’Interno è arrivato all’una.") == []


@pytest.mark.parametrize("language", ["und", "sv", "xx"])
def test_a_language_without_a_table_finds_quotes_and_no_speakers(language: str) -> None:
    found = resolved(
        language,
        "„Wir bleiben“, sagte Olaf Scholz.",
        "« Nous restons », a déclaré Claire Martin.",
        "“We stay,” said Ann Lee.",
    )
    assert [quote.span.text for quote in found] == ["Wir bleiben", "Nous restons", "We stay,"]
    assert all(quote.speaker is None and quote.verb is None for quote in found)


def test_a_users_table_adds_a_language(tmp_path: Path) -> None:
    (tmp_path / "quotes.sv.toml").write_text(
        "verbs = ['sa', 'säger']\n"
        "stop_words = ['på', 'i']\n"
        "after = ['{lead}{verb}\\s+{speaker}']\n"
        "[[marks]]\nopen = '”'\nclose = '”'\n",
        encoding="utf-8",
    )
    paragraph = "Hon sa: ”Vi stannar”, säger Anna Berg på måndagen."
    assert resolved("sv", paragraph) == []  # ”…” is no quote mark of the neutral table
    (quote,) = resolved("sv", paragraph, directories=(str(tmp_path),))
    assert described(quote) == ("Vi stannar", "full", "Anna Berg", "säger", "Anna Berg")


def test_a_broken_table_names_the_file_and_the_key(tmp_path: Path) -> None:
    misspelt, bad_slot = tmp_path / "misspelt", tmp_path / "bad_slot"
    misspelt.mkdir()
    bad_slot.mkdir()
    (misspelt / "quotes.sv.toml").write_text("verbz = ['sa']\n", encoding="utf-8")
    with pytest.raises(RuleTableError, match=r"quotes\.sv\.toml: unknown key 'verbz'"):
        load_quote_rules("sv", (str(misspelt),))
    (bad_slot / "quotes.sv.toml").write_text("after = ['{verb} {speakr}']\n", encoding="utf-8")
    with pytest.raises(RuleTableError, match=r"unknown slot \{speakr\}"):
        load_quote_rules("sv", (str(bad_slot),))


@pytest.mark.parametrize("key", ["after", "introduced"])
def test_a_pattern_that_does_not_compile_is_named(tmp_path: Path, key: str) -> None:
    # "after" patterns are compiled one by one, "introduced" ones joined into one pattern
    (tmp_path / "quotes.sv.toml").write_text(
        f"verbs = ['sa']\n{key} = ['{{verb}} (unclosed']\n", "utf-8"
    )
    with pytest.raises(RuleTableError, match=r"quotes\.sv\.toml: pattern '\{verb\} \(unclosed'"):
        load_quote_rules("sv", (str(tmp_path),))


def test_every_table_compiles() -> None:
    for language in ("neutral", "en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "el", "zh"):
        rules = load_quote_rules(language)
        assert rules.marks.closers
