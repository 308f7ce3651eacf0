"""Writes the bundled example survey export (synthetic data) used by ``xl-nps demo``.

    python tools/make_example_data.py     # rewrites xl_nps/data/example_survey.csv

SurveyMonkey-style columns; six quarters of B2B phone and e-mail answers with segments and
comments in English, Russian, French, German, Spanish and Chinese. A few rows are broken on
purpose (a missing date, a score typed as text) so the demo shows the Problems sheet.
"""

import csv
import datetime as dt
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "xl_nps" / "data" / "example_survey.csv"

COMMENTS = {
    "Detractor": [
        "Prices went up again and support takes days to answer.",
        "Delivery time is far too long, two weeks for a simple order.",
        "Customer service never calls back.",
        "The invoices are wrong every month and nobody fixes them.",
        "Too expensive for what we get; the pricing is confusing.",
        "Support is slow and the product crashes during month-end.",
        "Цены слишком высокие, а поддержка отвечает медленно.",
        "Доставка занимает слишком много времени.",
        "Le service client ne répond jamais, délais de livraison trop longs.",
        "Die Preise sind zu hoch und der Support ist langsam.",
        "El precio es demasiado alto y el servicio al cliente es lento.",
        "价格太高，客服回复太慢。",
        "",
    ],
    "Passive": [
        "Good product but the price is a bit high.",
        "Works fine, delivery time could be better.",
        "Onboarding was long; reporting is fine.",
        "Decent customer service, nothing special.",
        "Хороший продукт, но цена высокая.",
        "Produit correct, mais la livraison est lente.",
        "Gutes Produkt, aber die Lieferzeit ist lang.",
        "",
    ],
    "Promoter": [
        "Excellent customer service, they solved our issue in an hour.",
        "Great product quality and fast delivery.",
        "The new reporting dashboard saves us hours every week.",
        "+1 to the new dashboard, and support is friendly.",
        "Our account manager is fantastic.",
        "Отличный сервис и быстрая доставка.",
        "Excellent service client, très réactif.",
        "Hervorragender Kundenservice!",
        "Excelente servicio al cliente y buena calidad.",
        "服务很好，交货很快。",
        "",
    ],
}
SEGMENTS = ["Enterprise", "Mid-market", "SMB"]
QUARTERS = [(2025, 2), (2025, 3), (2025, 4), (2026, 1), (2026, 2), (2026, 3)]
# Share of promoters / detractors per quarter: the NPS climbs from about 5 to about 35.
MIX = [(0.35, 0.30), (0.37, 0.28), (0.40, 0.25), (0.45, 0.22), (0.50, 0.18), (0.52, 0.17)]


def main() -> None:
    rng = random.Random(20261123)
    companies = [f"{a} {b}" for a in ("Acme", "Northwind", "Globex", "Initech", "Umbrella", "Stark", "Wayne",
                                      "Tyrell", "Cyberdyne", "Soylent", "Hooli", "Vandelay")
                 for b in ("Ltd", "GmbH", "SA", "Inc", "LLC", "AG", "OOO", "SARL", "BV", "Group")]
    rows = []
    respondent = 0
    for (year, q), (p_share, d_share) in zip(QUARTERS, MIX):
        start = dt.date(year, 3 * q - 2, 1)
        for _ in range(rng.randint(140, 170)):
            respondent += 1
            company = rng.choice(companies)
            u = rng.random()
            if u < p_share:
                category, score = "Promoter", rng.choice([9, 10, 10])
            elif u < p_share + d_share:
                category, score = "Detractor", rng.choice([0, 2, 3, 4, 5, 5, 6, 6, 6])
            else:
                category, score = "Passive", rng.choice([7, 8])
            when = dt.datetime.combine(start + dt.timedelta(days=rng.randint(0, 89)), dt.time(rng.randint(8, 18), rng.randint(0, 59)))
            person = f"contact{respondent}@{company.split()[0].lower()}.example"
            rows.append([1000 + respondent, when.strftime("%m/%d/%Y %I:%M:%S %p"), person, company,
                         rng.choice(SEGMENTS), score, rng.choice(COMMENTS[category])])
    rows[17][1] = ""  # no date
    rows[230][5] = "N/A"  # a score typed as text
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Respondent ID", "Start Date", "Email Address", "Company", "Segment",
                         "How likely is it that you would recommend us to a friend or colleague?",
                         "What is the main reason for your score?"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} answers to {OUT}")


if __name__ == "__main__":
    main()
