"""What the source article obliges every output (site, search index, PDF) to contain, and never to contain."""

# Lines of the scraped page that are not the article: breadcrumbs and links to unrelated posts.
PAGE_CHROME = (
    "Hoved Blogg",
    "Horoskop",
    "horoscope",
    "helsehjelp",
    "health care",
    "healthcare",
    "Caloria",
    "Kalkulatornone",
    "calorie",
    "kalori",
)

# The core of the article, per language: words a reader must find (lower case, matched in page text).
# The article's "offer a replacement" is recommending another provider who can take over: «erstatning» means
# damages in Norwegian (scripts/playbook/editorial/glossary.yml).
CORE_TERMS = {
    "nb": ("refusjon", "kontrakt", "kan ta over", "takk", "advokat", "kreditering"),
    "en": ("refund", "contract", "can take over", "thank", "lawyer", "credit"),
}
