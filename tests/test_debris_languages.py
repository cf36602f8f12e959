"""Web debris, credits and captions in every language cleaner has tables for.

Each case is a scraped article written for this test (plain text, as a scraper leaves it): a
headline, a byline, a share row, an advertisement marker, a newsletter box, a cookie prompt,
a related-stories heading, a photo credit naming the country's news agency, the article's
paragraphs and an orphaned photo caption after them. Cleaned with the language's tables, the
furniture goes, each line by the rule of its kind (the same rule id in every language), and
every paragraph of the article stays as it was. The last tests add a language from a user's
directory of tables (config `[rules] directories`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaner
from cleaner.clean.blocks import Block
from cleaner.clean.debris import load_rules, remove_debris
from cleaner.clean.layout import load_layout_rules, remove_comment_sections
from cleaner.clean.other_stories import remove_link_sections
from cleaner.rules import RuleTableError

# (language, the lines of the page as scraped: (text, the rule that removes it, or None to keep))
CASES: dict[str, list[tuple[str, str | None]]] = {
    "de": [
        ("Stadtrat beschließt neuen Radweg am Flussufer", None),
        ("Von Anna Beispiel", "debris.byline"),
        ("Teilen: Facebook Twitter WhatsApp E-Mail", "debris.social_buttons"),
        ("Anzeige", "debris.advertisement"),
        (
            "Der Stadtrat hat am Dienstagabend mit großer Mehrheit beschlossen, einen neuen "
            "Radweg entlang des Flussufers zu bauen. Die Arbeiten sollen im Frühjahr beginnen.",
            None,
        ),
        ("Foto: dpa/Max Muster", "captions.photo_credit"),
        (
            "Die Kosten von rund zwei Millionen Euro teilen sich die Stadt und das Land. Anwohner "
            "hatten seit Jahren eine sichere Verbindung in die Innenstadt gefordert.",
            None,
        ),
        ("Jetzt zum Newsletter anmelden und nichts mehr verpassen!", "debris.newsletter"),
        (
            "Wir verwenden Cookies, um Ihnen ein besseres Nutzungserlebnis zu bieten. Mit der "
            "Nutzung der Seite stimmen Sie der Verwendung von Cookies zu.",
            "debris.cookies",
        ),
        ("Auch interessant:", "debris.related"),
        ("Neue Buslinie verbindet die Altstadt mit dem Bahnhof", "layout.link_section"),
        ("Wochenmarkt zieht auf den Domplatz um", "layout.link_section"),
        (
            "Kritik kam von der Opposition, die eine günstigere Trasse durch das Gewerbegebiet "
            "vorgeschlagen hatte. Der Bürgermeister verteidigte die Entscheidung.",
            None,
        ),
        (
            "Der Radweg soll im Herbst nächsten Jahres fertig sein. Bis dahin bleibt der "
            "Uferweg für Radfahrer teilweise gesperrt.",
            None,
        ),
        ("War der Artikel hilfreich?", "debris.feedback"),
        (
            "Oberbürgermeisterin Erika Beispiel spricht am Dienstag im Rathaus mit Anwohnern",
            "captions.orphan_caption",
        ),
    ],
    "fr": [
        ("Le conseil municipal vote une nouvelle piste cyclable", None),
        ("Par Claire Exemple", "debris.byline"),
        ("Partager : Facebook Twitter E-mail", "debris.social_buttons"),
        ("Publicité", "debris.advertisement"),
        (
            "Le conseil municipal a adopté mardi soir, à une large majorité, la construction "
            "d'une nouvelle piste cyclable le long du fleuve. Les travaux doivent commencer au "
            "printemps.",
            None,
        ),
        ("Photo : AFP / Jean Exemple", "captions.photo_credit"),
        (
            "Le coût, environ deux millions d'euros, sera partagé entre la ville et la région. "
            "Les riverains réclamaient depuis des années une liaison sûre vers le centre.",
            None,
        ),
        (
            "Inscrivez-vous à notre newsletter pour recevoir l'essentiel de l'actualité.",
            "debris.newsletter",
        ),
        (
            "Ce site utilise des cookies pour améliorer votre expérience. En poursuivant votre "
            "navigation, vous acceptez leur utilisation.",
            "debris.cookies",
        ),
        ("Sur le même sujet", "debris.related"),
        ("Une nouvelle ligne de bus relie la vieille ville à la gare", "layout.link_section"),
        ("Le marché hebdomadaire déménage place de la Cathédrale", "layout.link_section"),
        (
            "L'opposition a critiqué le projet et proposé un tracé moins coûteux par la zone "
            "industrielle. Le maire a défendu la décision du conseil.",
            None,
        ),
        (
            "La piste doit être achevée à l'automne prochain. D'ici là, le chemin de halage "
            "restera en partie fermé aux cyclistes.",
            None,
        ),
        ("Vous avez aimé cet article ?", "debris.feedback"),
    ],
    "es": [
        ("El ayuntamiento aprueba un nuevo carril bici junto al río", None),
        ("Por Lucía Ejemplo", "debris.byline"),
        ("Compartir en Facebook Twitter WhatsApp", "debris.share"),
        ("Publicidad", "debris.advertisement"),
        (
            "El pleno del ayuntamiento aprobó el martes por la noche, por amplia mayoría, la "
            "construcción de un nuevo carril bici a lo largo del río. Las obras comenzarán en "
            "primavera.",
            None,
        ),
        ("Foto: EFE/Juan Ejemplo", "captions.photo_credit"),
        (
            "El coste, de unos dos millones de euros, lo compartirán la ciudad y la comunidad "
            "autónoma. Los vecinos reclamaban desde hace años una conexión segura con el centro.",
            None,
        ),
        (
            "Suscríbete a nuestro boletín y recibe las noticias más importantes.",
            "debris.newsletter",
        ),
        (
            "Utilizamos cookies propias y de terceros para mejorar nuestros servicios. Si "
            "continúa navegando, consideramos que acepta su uso.",
            "debris.cookies",
        ),
        ("Noticias relacionadas", "debris.related"),
        ("Una nueva línea de autobús une el casco antiguo con la estación", "layout.link_section"),
        ("Le puede interesar: La ciudad estrena un nuevo parque", "debris.read_more"),
        (
            "La oposición criticó el proyecto y propuso un trazado más barato por el polígono "
            "industrial. El alcalde defendió la decisión del pleno.",
            None,
        ),
        (
            "El carril estará terminado el próximo otoño. Hasta entonces, el paseo del río "
            "seguirá cerrado en parte a las bicicletas.",
            None,
        ),
    ],
    "it": [
        ("Il consiglio comunale approva una nuova pista ciclabile", None),
        ("Di Giulia Esempio", "debris.byline"),
        ("Condividi su Facebook", "debris.share"),
        ("Pubblicità", "debris.advertisement"),
        (
            "Il consiglio comunale ha approvato martedì sera, a larga maggioranza, la "
            "costruzione di una nuova pista ciclabile lungo il fiume. I lavori inizieranno in "
            "primavera.",
            None,
        ),
        ("Foto ANSA/Mario Esempio", "captions.photo_credit"),
        (
            "Il costo, circa due milioni di euro, sarà diviso tra il comune e la regione. I "
            "residenti chiedevano da anni un collegamento sicuro con il centro.",
            None,
        ),
        (
            "Iscriviti alla nostra newsletter per ricevere le notizie del giorno.",
            "debris.newsletter",
        ),
        (
            "Questo sito utilizza cookie tecnici e di terze parti. Continuando la navigazione "
            "accetti l'uso dei cookie.",
            "debris.cookies",
        ),
        ("Leggi anche: Il comune inaugura un nuovo parco", "debris.read_more"),
        (
            "L'opposizione ha criticato il progetto e proposto un tracciato più economico "
            "attraverso la zona industriale. Il sindaco ha difeso la decisione.",
            None,
        ),
        ("Riproduzione riservata", "debris.image_copyright"),
    ],
    "pt": [
        ("Câmara aprova nova ciclovia junto ao rio", None),
        ("Por Ana Exemplo", "debris.byline"),
        ("Partilhar no Facebook", "debris.social_buttons"),
        ("Publicidade", "debris.advertisement"),
        (
            "A câmara municipal aprovou na terça-feira à noite, por larga maioria, a construção "
            "de uma nova ciclovia ao longo do rio. As obras devem começar na primavera.",
            None,
        ),
        ("Foto: Lusa/João Exemplo", "captions.photo_credit"),
        (
            "O custo, cerca de dois milhões de euros, será dividido entre a cidade e o governo "
            "regional. Os moradores pediam há anos uma ligação segura ao centro.",
            None,
        ),
        ("Subscreva a nossa newsletter e receba as principais notícias.", "debris.newsletter"),
        (
            "Este site utiliza cookies para melhorar a sua experiência. Ao continuar a navegar, "
            "aceita a nossa política de privacidade.",
            "debris.cookies",
        ),
        ("Leia também: Cidade inaugura novo parque", "debris.read_more"),
        (
            "A oposição criticou o projeto e propôs um traçado mais barato pela zona industrial. "
            "O presidente da câmara defendeu a decisão.",
            None,
        ),
    ],
    "nl": [
        ("Gemeenteraad stemt in met nieuw fietspad langs de rivier", None),
        ("Door Jan van der Voorbeeld", "debris.byline"),
        ("Delen via Facebook", "debris.share"),
        ("Advertentie", "debris.advertisement"),
        (
            "De gemeenteraad heeft dinsdagavond met grote meerderheid ingestemd met de aanleg "
            "van een nieuw fietspad langs de rivier. De werkzaamheden beginnen in het voorjaar.",
            None,
        ),
        ("Foto: ANP", "captions.photo_credit"),
        (
            "De kosten van ongeveer twee miljoen euro worden gedeeld door de stad en de "
            "provincie. Bewoners vroegen al jaren om een veilige verbinding met het centrum.",
            None,
        ),
        ("Schrijf je in voor onze nieuwsbrief", "debris.newsletter"),
        (
            "Deze website gebruikt cookies om je de beste ervaring te bieden. Door verder te "
            "gaan ga je akkoord met ons cookiebeleid.",
            "debris.cookies",
        ),
        ("Lees ook: Stad opent nieuw park", "debris.read_more"),
        (
            "De oppositie bekritiseerde het plan en stelde een goedkopere route door het "
            "industrieterrein voor. De burgemeester verdedigde het besluit.",
            None,
        ),
    ],
    "pl": [
        ("Rada miasta przyjęła plan nowej ścieżki rowerowej", None),
        ("Autor: Jan Przykładowy", "debris.byline"),
        ("Udostępnij na Facebooku", "debris.share"),
        ("Reklama", "debris.advertisement"),
        (
            "Rada miasta we wtorek wieczorem zdecydowaną większością głosów przyjęła plan budowy "
            "nowej ścieżki rowerowej wzdłuż rzeki. Prace mają ruszyć wiosną.",
            None,
        ),
        ("Fot. PAP/Jan Przykładowy", "captions.photo_credit"),
        (
            "Koszt, około dwóch milionów złotych, podzielą miasto i województwo. Mieszkańcy od "
            "lat domagali się bezpiecznego połączenia z centrum.",
            None,
        ),
        ("Zapisz się do naszego newslettera i bądź na bieżąco.", "debris.newsletter"),
        (
            "Ta strona używa plików cookies. Korzystając ze strony, wyrażasz zgodę na ich "
            "używanie zgodnie z polityką prywatności.",
            "debris.cookies",
        ),
        ("Czytaj także: Miasto otwiera nowy park", "debris.read_more"),
        (
            "Opozycja skrytykowała projekt i zaproponowała tańszą trasę przez strefę "
            "przemysłową. Prezydent miasta bronił decyzji rady.",
            None,
        ),
    ],
    "ru": [
        ("Городской совет утвердил план новой велодорожки вдоль реки", None),
        ("Автор: Ирина Примерова", "debris.byline"),
        ("Поделиться: ВКонтакте Одноклассники Telegram", "debris.social_buttons"),
        ("Реклама", "debris.advertisement"),
        (
            "Городской совет во вторник вечером большинством голосов утвердил план строительства "
            "новой велодорожки вдоль реки. Работы должны начаться весной.",
            None,
        ),
        ("Фото: ТАСС/Иван Примеров", "captions.photo_credit"),
        (
            "Расходы, около двухсот миллионов рублей, разделят город и область. Жители много лет "
            "добивались безопасного пути в центр.",
            None,
        ),
        (
            "Подписывайтесь на наш канал в Telegram, чтобы первыми узнавать новости города.",
            "debris.follow",
        ),
        (
            "Мы используем файлы cookie, чтобы сайт работал лучше. Продолжая пользоваться сайтом, "
            "вы соглашаетесь с их использованием.",
            "debris.cookies",
        ),
        ("Читайте также: В городе откроют новый парк", "debris.read_more"),
        (
            "Оппозиция раскритиковала проект и предложила более дешёвый маршрут через промзону. "
            "Мэр защитил решение совета.",
            None,
        ),
        ("Источник: Волжский вестник", "debris.credits"),
        ("Нашли ошибку? Выделите фрагмент текста и нажмите Ctrl+Enter", "debris.feedback"),
    ],
    "el": [
        ("Το δημοτικό συμβούλιο ενέκρινε νέο ποδηλατόδρομο στην παραλία", None),
        ("Της Ελένης Παραδείγματος", "debris.byline"),
        ("Κοινοποίηση: Facebook Twitter Email", "debris.social_buttons"),
        ("ΔΙΑΦΗΜΙΣΗ", "debris.advertisement"),
        (
            "Το δημοτικό συμβούλιο ενέκρινε την Τρίτη το βράδυ με μεγάλη πλειοψηφία την κατασκευή "
            "νέου ποδηλατόδρομου κατά μήκος της παραλίας. Οι εργασίες θα ξεκινήσουν την άνοιξη.",
            None,
        ),
        ("Φωτογραφία: ΑΠΕ-ΜΠΕ/Γιώργος Παράδειγμα", "captions.photo_credit"),
        (
            "Το κόστος, περίπου δύο εκατομμύρια ευρώ, θα μοιραστούν ο δήμος και η περιφέρεια. Οι "
            "κάτοικοι ζητούσαν εδώ και χρόνια μια ασφαλή σύνδεση με το κέντρο.",
            None,
        ),
        ("Εγγραφείτε στο newsletter μας για να μη χάνετε καμία είδηση.", "debris.newsletter"),
        (
            "Χρησιμοποιούμε cookies για να βελτιώσουμε την εμπειρία σας. Συνεχίζοντας την "
            "περιήγηση αποδέχεστε τη χρήση τους.",
            "debris.cookies",
        ),
        ("ΔΙΑΒΑΣΤΕ ΕΠΙΣΗΣ: Νέο πάρκο ανοίγει στην πόλη", "debris.read_more"),
        (
            "Η αντιπολίτευση επέκρινε το σχέδιο και πρότεινε φθηνότερη διαδρομή μέσα από τη "
            "βιομηχανική ζώνη. Ο δήμαρχος υπερασπίστηκε την απόφαση.",
            None,
        ),
        ("Ακολουθήστε μας στο Google News", "debris.follow"),
        ("Πηγή: ΑΠΕ-ΜΠΕ", "debris.credits"),
    ],
    "zh": [
        ("市议会通过沿河自行车道建设方案", None),
        ("2024-03-14 09:30 来源：南岭新闻网 作者：李晓燕", "debris.credits"),
        ("分享到：微信 微博 QQ空间", "debris.social_buttons"),
        ("广告", "debris.advertisement"),
        (
            "市议会周二晚间以多数票通过了沿河修建自行车道的方案，工程预计明年春天开工，"
            "全长约十二公里。",
            None,
        ),
        ("（新华社记者 王五 摄）", "captions.photo_credit"),
        (
            "项目总投资约两亿元，由市、区两级财政共同承担。沿线居民多年来一直希望有一条"
            "安全的通道前往市中心。",
            None,
        ),
        ("欢迎关注我们的微信公众号，第一时间获取本地新闻。", "debris.follow"),
        (
            "本网站使用cookie以提升您的浏览体验，继续浏览即表示您同意我们使用cookie。",
            "debris.cookies",
        ),
        ("相关阅读：城东新公园下月开放", "debris.read_more"),
        (
            "也有市民提出，自行车道施工期间应当保留步行通道，避免影响沿河晨练的老人。"
            "市交通局表示将统筹安排。",
            None,
        ),
        ("（责任编辑：王明）", "debris.credits"),
        ("版权所有 南岭新闻网 未经授权禁止转载", "debris.rights_notice"),
    ],
}


def _clean(lines: list[tuple[str, str | None]], language: str, **rules: object) -> cleaner.Article:
    text = "\n\n".join(line for line, _rule in lines)
    config = cleaner.Config.from_dict({"language": language, "rules": rules})
    return cleaner.clean_text(text, config=config.with_entities(None))


@pytest.mark.parametrize("language", sorted(CASES))
def test_furniture_goes_by_its_rule_and_the_article_stays(language: str) -> None:
    lines = CASES[language]
    article = _clean(lines, language)
    headline, *body = lines
    assert article.title == headline[0]
    removed = {edit.text: edit.rule for edit in article.edits if edit.target == "body"}
    for line, rule in body:
        if rule is None:
            assert line in article.paragraphs, f"{line!r} should stay"
        else:
            assert removed.get(line) == rule, f"{line!r}: removed by {removed.get(line)}"
    assert list(article.paragraphs) == [line for line, rule in body if rule is None]


@pytest.mark.parametrize("language", sorted(CASES))
def test_without_the_language_its_prompts_stay(language: str) -> None:
    """With the neutral tables only ("und"), the cookie prompt, which reads like prose, stays:
    the removal above comes from the language's table."""
    [cookies] = [line for line, rule in CASES[language] if rule == "debris.cookies"]
    assert cookies in _clean(CASES[language], "und").paragraphs


@pytest.mark.parametrize(
    ("language", "paragraph"),
    [
        ("ru", "Мы на пороге больших перемен, сказал он."),
        ("ru", "Пенсионеры будут получать квитанции на почту каждый месяц."),
        ("ru", "Статья полезна тем, что объясняет реформу."),
        ("ru", "Реклама Сбербанка появилась на всех остановках города."),
        ("el", "Ήταν χρήσιμη η συνάντηση, είπε ο υπουργός."),
        ("el", "Της Ελλάδας η οικονομία αναπτύσσεται ταχύτερα από την ευρωζώνη."),
        ("zh", "法院认为，被告未经原告同意使用其肖像，构成侵权。"),
        ("zh", "该作品的版权所有者已向法院提起诉讼。"),
        ("zh", "记者：这次改革的重点是什么？"),
    ],
)
def test_prose_with_the_words_of_a_prompt_stays(language: str, paragraph: str) -> None:
    """A paragraph of prose that uses the words of a prompt (a reader's 'we', cookies, rights,
    an interviewer's question) is not the prompt."""
    kept, edits = remove_debris([Block(0, paragraph)], load_rules(language))
    assert [block.text for block in kept] == [paragraph] and not edits


SWEDISH = """Kommunen bygger ny cykelväg längs ån

Dela artikeln

Kommunfullmäktige beslutade på tisdagskvällen med stor majoritet att bygga en ny cykelväg längs ån.

Annons

Kostnaden på omkring tjugo miljoner kronor delas mellan kommunen och regionen, sade ordföranden.
"""


def test_a_users_tables_add_a_language(tmp_path: Path) -> None:
    (tmp_path / "debris.sv.toml").write_text(
        "[[rules]]\nid = \"debris.share\"\nblock = ['dela( artikeln)?']\n\n"
        "[[rules]]\nid = \"debris.advertisement\"\nblock = ['annons']\n",
        encoding="utf-8",
    )
    article = _clean([(SWEDISH, None)], "sv", directories=[str(tmp_path)])
    assert [(edit.rule, edit.text) for edit in article.edits if edit.rule.startswith("debris")] == [
        ("debris.share", "Dela artikeln"),
        ("debris.advertisement", "Annons"),
    ]
    # the kind's reason comes from the neutral table that declares it
    assert article.edits[0].reason == "share-button label, not article text"
    without = _clean([(SWEDISH, None)], "sv")
    assert "Annons" in without.paragraphs


def test_a_users_caption_table_adds_credit_labels(tmp_path: Path) -> None:
    (tmp_path / "captions.sv.toml").write_text(
        "credit = ['foto: [^.!?]{1,60}']\n", encoding="utf-8"
    )
    text = SWEDISH.replace("Annons", "Foto: TT/Anna Exempel")
    article = _clean([(text, None)], "sv", directories=[str(tmp_path)])
    assert ("captions.photo_credit", "Foto: TT/Anna Exempel") in [
        (edit.rule, edit.text) for edit in article.edits
    ]


def test_a_new_kind_without_a_reason_is_an_error_naming_the_file(tmp_path: Path) -> None:
    table = tmp_path / "debris.sv.toml"
    table.write_text("[[rules]]\nid = \"debris.sv_only\"\nblock = ['x']\n", encoding="utf-8")
    with pytest.raises(
        RuleTableError, match=r"debris\.sv\.toml: rule 1 \(debris\.sv_only\).*reason"
    ):
        load_rules("sv", directories=(str(tmp_path),))


GERMAN_PROSE = [
    "Der Stadtrat hat am Dienstagabend mit großer Mehrheit den Bau eines Radwegs beschlossen.",
    "Die Kosten von rund zwei Millionen Euro teilen sich die Stadt und das Land, hieß es.",
]


def test_the_layout_tables_find_a_german_comment_section() -> None:
    """The comment-section headings and furniture are data: with the German layout table the
    readers' comments after a German article go, with the English one they stay."""
    comments = ["3 Kommentare", "Max sagt:", "Toller Artikel, danke!", "vor 2 Stunden", "Antworten"]
    blocks = [Block(i, text) for i, text in enumerate(GERMAN_PROSE + comments)]
    kept, edits = remove_comment_sections(blocks, load_layout_rules("de"))
    assert [block.text for block in kept] == GERMAN_PROSE
    assert {edit.rule for edit in edits} == {"layout.comments_section"}
    assert remove_comment_sections(blocks, load_layout_rules("en")) == (blocks, [])


def test_the_layout_tables_name_the_headings_of_lists_of_other_stories() -> None:
    """Under a German "Auch interessant" heading (removed by the German debris table), the
    links to other stories go, up to where the article goes on."""
    links = ["Neuer Park im Norden eröffnet", "Brücke wird ab Montag gesperrt"]
    texts = [*GERMAN_PROSE, "Auch interessant:", *links, *GERMAN_PROSE]
    blocks = [Block(i, text) for i, text in enumerate(texts)]
    kept, edits = remove_debris(blocks, load_rules("de"))
    kept, gone = remove_link_sections(kept, edits, load_layout_rules("de"))
    assert [block.text for block in kept] == GERMAN_PROSE * 2
    assert [edit.text for edit in gone] == links
