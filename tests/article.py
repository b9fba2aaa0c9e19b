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
CORE_TERMS = {
    "nb": ("refusjon", "kontrakt", "erstatning", "takk", "advokat", "kreditering"),
    "en": ("refund", "contract", "replacement", "thank", "lawyer", "credit"),
}
