//! The accounts, customers and agents that the sessions of one seed share, so that
//! sessions of the same account or customer recur (and filtering by them means something).

use super::rng::SplitMix64;
use super::words;
use crate::customers::CustomerBreadcrumb;

/// An agent: a user endpoint that answers calls.
pub(crate) struct Agent {
    pub(crate) endpoint_id: String,
    pub(crate) user_id: String,
    pub(crate) name: String,
    pub(crate) sip: String,
    pub(crate) avatar: Option<String>,
}

/// A customer of an account: its breadcrumb (from the top-level customer down to it).
pub(crate) struct Customer {
    pub(crate) breadcrumb: Vec<CustomerBreadcrumb>,
}

impl Customer {
    pub(crate) fn id(&self) -> Option<&str> {
        self.breadcrumb.last().and_then(|b| b.id.as_deref())
    }
    pub(crate) fn name(&self) -> Option<&str> {
        self.breadcrumb.last().and_then(|b| b.name.as_deref())
    }
}

/// An account, with its customers, agents and phone numbers.
pub(crate) struct Account {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) sip_domain: String,
    pub(crate) customers: Vec<Customer>,
    pub(crate) agents: Vec<Agent>,
    pub(crate) numbers: Vec<String>,
}

/// Everything the sessions of one seed share.
pub(crate) struct World {
    pub(crate) accounts: Vec<Account>,
}

/// An Evo-style identifier: 24 lowercase hexadecimal digits.
pub(crate) fn id(rng: &mut SplitMix64) -> String {
    rng.hex(24)
}

/// A person's full name, in one script.
pub(crate) fn person(rng: &mut SplitMix64) -> String {
    let script = rng.below(words::NAMES.len() as u64) as usize;
    let (given, family) = words::NAMES[script];
    let (given, family) = (rng.pick(given), rng.pick(family));
    if words::FAMILY_FIRST.contains(&script) {
        format!("{family}{given}")
    } else {
        format!("{given} {family}")
    }
}

/// A phone number in E.164 form (`+` and up to 15 digits).
pub(crate) fn phone(rng: &mut SplitMix64) -> String {
    let (country, prefixes, rest) = *rng.pick(words::PHONE_PLANS);
    let prefix = rng.pick(prefixes);
    format!("+{country}{prefix}{}", rng.digits(rest))
}

fn slug(text: &str, rng: &mut SplitMix64) -> String {
    let ascii: String =
        text.chars().filter(|c| c.is_ascii_alphanumeric()).take(12).collect::<String>().to_ascii_lowercase();
    let base = if ascii.is_empty() { "tenant".to_owned() } else { ascii };
    format!("{base}-{}", rng.hex(4))
}

fn agent(rng: &mut SplitMix64, sip_domain: &str) -> Agent {
    let name = person(rng);
    let user = format!("agent{}", rng.between(100, 999));
    Agent {
        endpoint_id: id(rng),
        user_id: id(rng),
        sip: format!("sip:{user}@{sip_domain}"),
        avatar: rng.chance(60).then(|| format!("https://cdn.evovoice.io/avatars/{}.png?size=64&v=2", rng.hex(16))),
        name,
    }
}

fn account(rng: &mut SplitMix64) -> Account {
    let name = rng.pick(words::COMPANIES).to_string();
    let sip_domain = format!("{}.sip.twilio.com", slug(&name, rng));
    let top = CustomerBreadcrumb { id: Some(id(rng)), name: Some(name.clone()) };
    let customers = (0..rng.between(2, 4))
        .map(|_| {
            let mut breadcrumb = vec![top.clone()];
            for _ in 0..rng.below(3) {
                let branch = format!("{} — {}", name, rng.pick(words::BRANCHES));
                breadcrumb.push(CustomerBreadcrumb { id: Some(id(rng)), name: Some(branch) });
            }
            Customer { breadcrumb }
        })
        .collect();
    let agents = (0..rng.between(2, 6)).map(|_| agent(rng, &sip_domain)).collect();
    let numbers = (0..rng.between(1, 3)).map(|_| phone(rng)).collect();
    Account { id: id(rng), name, sip_domain, customers, agents, numbers }
}

impl World {
    /// Two to four accounts.
    pub(crate) fn new(rng: &mut SplitMix64) -> World {
        World { accounts: (0..rng.between(2, 4)).map(|_| account(rng)).collect() }
    }
}
