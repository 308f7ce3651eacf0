"""What the headers of survey exports say, in the languages of this project's users.

Headers only ever add to what a column holds (``profile.py``): a header makes a column that
holds 0-10 answers the score, says which of several date columns is the submission date, or
which free-text column answers "why?". The words are those survey tools write (Google Forms'
localised "Timestamp", Qualtrics' ``EndDate``, SurveyMonkey's "Respondent ID") and the usual
wordings of the NPS question (F. F. Reichheld, "The One Number You Need to Grow", HBR 2003:
"How likely is it that you would recommend [company] to a friend or colleague?") in English,
Spanish, Portuguese, French, German, Italian, Russian, Chinese, Japanese, and Polish, Czech,
Dutch, the Nordic languages, Hungarian, Turkish and Korean.

Matching is on :func:`fold`-ed text: case folded, CamelCase split (``LikelyToRecommend`` ->
"likely to recommend"), punctuation made spaces. A Latin-script term matches at the start of
a word (a stem such as "recomend" matches "recomendarías"); a whole word ("nps", "score")
also at its end; Chinese and Japanese terms anywhere.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------- the score question
RECOMMEND = (  # stems: a question that asks whether one would recommend
    "recommend", "recomend", "recomiend", "recommand", "empfehl", "weiterempfehl", "raccomand", "consigli", "рекоменд",
    "порекоменд", "посовет", "推荐", "推薦", "薦め", "勧め", "すすめ", "推奨", "poleci", "doporuč", "ajánl",
    "aanbevel", "aanraden", "rekommend", "anbefal", "suosittel", "tavsiye", "추천",
)
SCORE_WORDS = (  # whole words: a header that names the score itself
    "nps", "net promoter", "score", "rating", "ltr", "puntuación", "puntuacion", "puntaje", "nota", "note",
    "punteggio", "voto", "bewertung", "punktzahl", "оценка", "балл", "评分", "分数", "得分", "打分", "評分",
    "分數", "スコア", "評価", "点数", "ocena", "hodnocení", "skóre", "pontszám", "cijfer", "betyg", "karakter",
)

# ---------------------------------------------------------------- dates
SUBMITTED = (  # the moment the answer was sent: preferred over any other date
    "submit", "submission", "end date", "recorded date", "completed", "completion", "timestamp", "time stamp",
    "response date", "answered", "marca temporal", "carimbo de data", "horodateur", "horodatage", "zeitstempel",
    "informazioni cronologiche", "отметка времени", "時間戳記", "时间戳", "タイムスタンプ", "提交", "送信",
    "eingereicht", "envío", "envio", "envoi", "invio", "отправ", "wysłan", "odeslán",
)
STARTED = (  # when the respondent opened the survey, or a record was made: the last choice
    "start", "begin", "created", "stage date", "inicio", "início", "début", "beginn", "inizio", "начал",
    "开始", "開始", "rozpoczę", "zahájen",
)
NOT_ANSWER_DATES = ("birth", "nacimiento", "nascimento", "naissance", "geburt", "nascita", "рождени", "生日",
                    "出生", "誕生", "生年月日", "urodzen", "narozen")

# ---------------------------------------------------------------- comments
REASON = (  # the follow-up question of NPS: "why?"
    "why", "reason", "por qué", "por que", "porque", "motivo", "razón", "razon", "pourquoi", "raison", "warum",
    "grund", "perché", "perche", "почему", "причин", "原因", "理由", "为什么", "為什麼", "なぜ", "dlaczego",
    "uzasadn", "proč", "důvod", "miért", "waarom", "varför", "hvorfor", "neden",
)
COMMENT_WORDS = (
    "comment", "feedback", "verbatim", "remark", "suggest", "improve", "better", "tell us", "anything else",
    "open answer", "comentario", "comentário", "sugerencia", "sugestão", "commentaire", "remarque", "suggestion",
    "kommentar", "anmerkung", "anregung", "commento", "suggeriment", "комментар", "отзыв", "пожелан",
    "评论", "意见", "意見", "建议", "建議", "备注", "コメント", "ご意見", "感想", "komentarz", "uwagi", "komentář",
    "poznámk", "megjegyzés", "opmerking",
)

# ---------------------------------------------------------------- who answered
EMAIL = ("email", "e mail", "correo", "courriel", "почт", "邮箱", "邮件", "郵件", "メール", "mail")
RESPONSE_ID = {  # whole headers naming the tool's id of a response or a respondent
    "#", "id", "respondent", "respondent id", "response id", "record id", "submission id", "token", "response token",
    "序号", "序號", "编号", "編號", "回答id", "回答者id", "id de respuesta", "id da resposta", "identifiant",
}
PERSON = {  # whole headers naming a person
    "name", "full name", "contact", "contact name", "customer", "customer name", "client name", "person",
    "respondent name", "interviewee", "nombre", "nome", "nom", "имя", "фио", "姓名", "名前", "氏名", "imię i nazwisko",
    "jméno", "kontakt", "ansprechpartner", "contacto", "contato",
}

# ---------------------------------------------------------------- company and segment
COMPANY = (
    "company", "business name", "account", "empresa", "entreprise", "société", "societe", "unternehmen", "firma",
    "azienda", "società", "ragione sociale", "dello studio", "компани", "организаци", "公司", "企业", "企業", "会社",
    "společnost", "firmy", "cég", "bedrijf", "företag",
)
COMPANY_HEADERS = {"organisation", "organization", "organisation name", "organization name", "client", "customer account",
                   "employer", "organización", "organisation", "organizzazione"}
HOW_MANY = ("how many", "number of", "size", "cuánt", "cuant", "quant", "combien", "wie viele", "anzahl", "quanti",
            "quante", "сколько", "числ", "多少", "几", "幾", "何人", "ilu", "kolik", "hány")
SEGMENT = ("segment", "сегмент", "セグメント", "细分", "細分", "客户类型", "客戶類型")
SEGMENT_HEADERS = {"plan", "tier", "customer type", "market", "region", "customer tier", "plan type"}

# ---------------------------------------------------------------- employee surveys (eNPS)
# The groups an employee survey is reported by (names.GROUP_COLUMNS), kept apart from the
# customer fields above: department, team and tenure (length of service) as HR tools and
# hand-made sheets name them, in the project's languages.
DEPARTMENT = (
    "department", "dept", "division", "business unit", "abteilung", "отдел", "подразделени", "département",
    "departement", "departamento", "dipartimento", "reparto", "部门", "部門", "部署", "所属", "dział", "oddělení",
    "afdeling", "avdelning", "osasto", "osztály", "departman", "부서",
)
TEAM = ("team", "squad", "equipo", "équipe", "equipe", "squadra", "команда", "团队", "小组", "團隊", "チーム",
        "zespół", "tým", "csapat", "takım", "팀")
TENURE = (
    "tenure", "years of service", "length of service", "years at", "time at the company", "time with",
    "how long have you", "antigüedad", "antiguedad", "ancienneté", "anciennete", "tempo de casa", "tempo de empresa",
    "betriebszugehörigkeit", "dienstjahre", "anzianità", "стаж", "司龄", "工龄", "司齡", "年資", "勤続年数",
    "在籍期間", "staż", "délka zaměstnání", "근속",
)

CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
PUNCTUATION = re.compile(r"[^\w#]+")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]")


def fold(text) -> str:
    """A header as it is matched: CamelCase split, case folded, punctuation as spaces."""
    text = CAMEL.sub(" ", str(text if text is not None else ""))
    return " ".join(PUNCTUATION.sub(" ", text.replace("_", " ")).split()).casefold()


def _pattern(terms, whole_word: bool) -> re.Pattern:
    parts = []
    for term in sorted(terms, key=len, reverse=True):
        term = fold(term) if not CJK.search(term) else term
        if CJK.search(term):
            parts.append(re.escape(term))
        else:
            parts.append(r"(?<!\w)" + re.escape(term) + (r"(?!\w)" if whole_word else ""))
    return re.compile("|".join(parts))


PATTERNS = {
    "recommend": _pattern(RECOMMEND, False), "score": _pattern(SCORE_WORDS, True),
    "submitted": _pattern(SUBMITTED, False), "started": _pattern(STARTED, False),
    "not answer date": _pattern(NOT_ANSWER_DATES, False), "date": _pattern(("date", "datum", "fecha", "data", "дата",
                                                                               "日期", "日付", "time", "when"), True),
    "reason": _pattern(REASON, False), "comment": _pattern(COMMENT_WORDS, False),
    "email": _pattern(EMAIL, False), "company": _pattern(COMPANY, False), "how many": _pattern(HOW_MANY, False),
    "segment": _pattern(SEGMENT, False),
    "department": _pattern(DEPARTMENT, False), "team": _pattern(TEAM, True), "tenure": _pattern(TENURE, False),
}


def says(names, what: str) -> bool:
    """Whether any of a column's header names (already folded) uses the words of ``what``."""
    pattern = PATTERNS[what]
    return any(pattern.search(name) for name in names)


def is_question(name: str) -> bool:
    """A header that asks something (a sentence), rather than naming a field."""
    return "?" in name or "？" in name or len(name.split()) > 4
