//! The word tables the generator draws from: people's names in several scripts, company
//! names, queues, outcomes, phone-number plans.

/// Given names and family names, each list in one script, so that a full name does not mix
/// scripts.
pub(crate) const NAMES: &[(&[&str], &[&str])] = &[
    (
        &["Ana", "Chloé", "Günter", "Inês", "José", "Zoë", "Søren", "Łukasz", "Ayşe", "Mary-Kate"],
        &["Smith", "O'Neil", "Müller", "García", "Kowalski", "Dubois", "Øster", "Nguyễn", "d'Arcy", "Van der Berg"],
    ),
    (&["Дмитрий", "Анна", "Олена", "Сергей"], &["Иванов", "Петрова", "Шевченко", "Соколов"]),
    (&["Νίκος", "Ελένη", "Γιώργος"], &["Παπαδόπουλος", "Κωνσταντίνου", "Αλεξίου"]),
    (&["محمد", "فاطمة", "عمر"], &["الحسيني", "منصور", "خليل"]),
    (&["דוד", "נועה", "יוסי"], &["כהן", "לוי", "מזרחי"]),
    (&["太郎", "花子", "翔太"], &["山田", "佐藤", "鈴木"]),
    (&["伟", "芳", "秀英"], &["王", "李", "张"]),
    (&["민준", "서연", "지호"], &["김", "이", "박"]),
    (&["आरव", "प्रिया", "अनन्या"], &["शर्मा", "वर्मा", "पटेल"]),
];

/// Scripts whose names are written family name first, without a space.
pub(crate) const FAMILY_FIRST: &[usize] = &[5, 6, 7];

/// Company names (accounts and customers).
pub(crate) const COMPANIES: &[&str] = &[
    "Acme Dental",
    "Northwind & Sons",
    "Brasserie «Chez Léa»",
    "Müller Logistik GmbH",
    "Sakura 歯科クリニック",
    "Contoso <Helpdesk>",
    "Fabrikam \"Premier\" Support",
    "Κλινική Υγεία",
    "Riverside Veterinary",
    "Tailspin Toys",
    "Ørsted Rørservice",
    "Al Noor Trading — شركة النور",
];

/// Suffixes of customer names under an account.
pub(crate) const BRANCHES: &[&str] = &["Head office", "Downtown", "North branch", "After-hours", "East & West", "Lab"];

/// Queues, as named in flows.
pub(crate) const QUEUES: &[&str] = &["Sales", "Support", "Billing & Accounts", "Après-vente", "VIP <priority>"];

/// Endpoint names that are not people.
pub(crate) const DEVICES: &[&str] = &["Front desk", "Reception phone", "Lobby kiosk", "Warehouse", "Conference room"];

/// Outcomes of ended sessions.
pub(crate) const OUTCOMES: &[&str] = &["Answered", "Voicemail", "Abandoned", "Busy", "No answer", "Transferred"];

/// Languages of callers, for application data.
pub(crate) const LANGUAGES: &[&str] = &["en-US", "en-GB", "fr-FR", "de-DE", "ja-JP", "ar-SA", "es-MX"];

/// E.164 numbering plans: country code, then the national significant number as a
/// leading part and the count of random digits after it.
pub(crate) const PHONE_PLANS: &[(&str, &[&str], usize)] = &[
    ("1", &["212555", "415555", "312555", "617555", "206555"], 4),
    ("44", &["20794", "161496", "113496"], 5),
    ("49", &["30", "89", "40"], 8),
    ("33", &["1", "4", "6"], 8),
    ("81", &["3", "6"], 8),
    ("61", &["2", "3"], 8),
    ("971", &["4"], 7),
];

/// Chat messages and notes for logs.
pub(crate) const NOTES: &[&str] = &[
    "Caller asked about invoice #4411 (\"overdue\")",
    "Customer prefers callbacks after 5pm",
    "Wrong number",
    "Needs a follow-up: <see CRM>",
    "Spoke French, routed to Après-vente",
];
