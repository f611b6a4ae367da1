//! Where drafts are kept (保存位置) and which copy wins when two stores hold one. The browser
//! glue (`web::storage`) finds out what works and follows these rules; they live here so
//! they are tested natively.
//!
//! An app framed by another site gets storage of its own that is refused (Chromium with
//! third-party cookies blocked) or partitioned and may be deleted (Firefox, Safari). The host
//! page runs on its own site with first-party storage, so `embed-host.js` offers it as a
//! bridge. In order: the host's bridge (when the host is another origin), the app's own
//! storage, storage the browser grants on request (Storage Access), and finally memory only.

/// A place the app keeps its drafts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The app's own `localStorage` and IndexedDB.
    Own,
    /// The host page's storage, through `embed-host.js` (通过本网站保存).
    Host,
    /// The app's own storage, granted by the browser on request (Storage Access API).
    Granted,
    /// Nowhere: only this tab's memory, lost when it closes.
    Memory,
}

/// Who answered the app's hello from the parent frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostAnswer {
    /// No bridge answered (not framed, no `embed-host.js`, or its storage is refused).
    None,
    /// A bridge on the app's own origin: its storage is the app's own.
    SameOrigin,
    /// A bridge on another origin.
    OtherOrigin,
}

/// What the browser says about requesting storage access.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// `document.requestStorageAccess` with storage types is missing.
    Unsupported,
    /// It exists and would ask the person (on a click).
    Prompt,
    /// Already granted: it can be used without asking.
    Granted,
}

/// What the page found out at start-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Situation {
    /// The page runs inside a frame.
    pub framed: bool,
    /// Its own storage takes a probe write.
    pub own_works: bool,
    /// The host's bridge, if one answered.
    pub host: HostAnswer,
    /// The Storage Access API's state.
    pub access: Access,
}

/// Where to keep drafts, and what to offer when nothing keeps them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// The store read at start-up and written on every change.
    pub primary: Place,
    /// Also write the app's own storage, so a later loss of either keeps the other copy.
    pub mirror_own: bool,
    /// Offer a button asking the browser for storage access.
    pub offer_access: bool,
    /// Offer to open the same link in a tab of its own, where storage is first-party.
    pub offer_new_window: bool,
}

/// The plan for a situation.
pub fn plan(s: Situation) -> Plan {
    let mut plan = Plan {
        primary: Place::Memory,
        mirror_own: false,
        offer_access: false,
        offer_new_window: false,
    };
    if s.framed && s.host == HostAnswer::OtherOrigin {
        // Own storage here is refused or partitioned: the host's first-party storage is the
        // one that lasts. Own storage, if it works, keeps a second copy: modern browsers
        // partition it by the top-level site, so that copy belongs to this host too.
        plan.primary = Place::Host;
        plan.mirror_own = s.own_works;
    } else if s.own_works {
        plan.primary = Place::Own;
    } else if s.framed && s.access == Access::Granted {
        plan.primary = Place::Granted;
    } else if s.framed {
        plan.offer_access = s.access == Access::Prompt;
        plan.offer_new_window = true;
    }
    plan
}

/// One stored copy of a document: its text and when it was written (Unix ms).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCopy {
    /// The document as stored.
    pub text: String,
    /// When it was written; 0 when the store kept no time (written by an older build).
    pub updated_ms: u64,
}

/// Which of two copies to open, and whether the other must be kept aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    /// Neither store has the document.
    Neither,
    /// Open the primary store's copy (the other is missing, equal, or older).
    Primary {
        /// The other store holds a different, older copy, which is kept aside.
        other_set_aside: bool,
    },
    /// Open the other store's copy, which is newer or the only one; the primary gets it.
    Other {
        /// The primary store's own, older and different copy is kept aside.
        primary_set_aside: bool,
    },
}

/// The newer copy by `updated_ms` wins (a tie keeps the primary's); a different loser is
/// never dropped silently but kept aside.
pub fn merge(primary: Option<&StoredCopy>, other: Option<&StoredCopy>) -> Merge {
    match (primary, other) {
        (None, None) => Merge::Neither,
        (Some(_), None) => Merge::Primary {
            other_set_aside: false,
        },
        (None, Some(_)) => Merge::Other {
            primary_set_aside: false,
        },
        (Some(p), Some(o)) => {
            let differ = p.text != o.text;
            if o.updated_ms > p.updated_ms && differ {
                Merge::Other {
                    primary_set_aside: true,
                }
            } else {
                Merge::Primary {
                    other_set_aside: differ,
                }
            }
        }
    }
}

/// The documents one store holds, by key: a short list (a handful of keys), kept as a `Vec`
/// because a map type of its own would add its code to the page's wasm for no gain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Copies(pub Vec<(String, StoredCopy)>);

impl Copies {
    /// The copy under `key`.
    pub fn get(&self, key: &str) -> Option<&StoredCopy> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, c)| c)
    }

    /// Puts `copy` under `key`, replacing an earlier one.
    pub fn insert(&mut self, key: &str, copy: StoredCopy) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, c)) => *c = copy,
            None => self.0.push((key.to_string(), copy)),
        }
    }

    /// Removes the copy under `key`.
    pub fn remove(&mut self, key: &str) {
        self.0.retain(|(k, _)| k != key);
    }
}

/// An older, different copy set aside when two stores were reconciled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OlderCopy {
    /// The document's key.
    pub key: String,
    /// The copy set aside (its text and write time).
    pub copy: StoredCopy,
    /// When the copy that was opened was written.
    pub opened_ms: u64,
}

/// What reconciling two stores gives: the documents to open and what to write where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reconciled {
    /// Every document, as it is opened.
    pub open: Copies,
    /// Writes the primary store needs (newer copies from the other, set-aside copies).
    pub to_primary: Copies,
    /// Writes the other store needs to hold the same.
    pub to_other: Copies,
    /// The older copies set aside, announced to the person.
    pub older: Vec<OlderCopy>,
}

/// Reconciles two stores key by key with [`merge`]: both end with the opened copy, and each
/// different loser is kept in both under [`set_aside_key`] (`now_ms` names it).
pub fn reconcile(primary: &Copies, other: &Copies, now_ms: u64) -> Reconciled {
    let mut out = Reconciled::default();
    let keys = primary
        .0
        .iter()
        .chain(other.0.iter().filter(|(k, _)| primary.get(k).is_none()))
        .map(|(k, _)| k.clone());
    for key in keys.collect::<Vec<_>>() {
        let (p, o) = (primary.get(&key), other.get(&key));
        let (open, aside) = match merge(p, o) {
            Merge::Neither => continue,
            Merge::Primary { other_set_aside } => (p, o.filter(|_| other_set_aside)),
            Merge::Other { primary_set_aside } => (o, p.filter(|_| primary_set_aside)),
        };
        let Some(open) = open.cloned() else { continue };
        if let Some(aside) = aside {
            let aside_key = set_aside_key(&key, SetAside::Older, now_ms);
            out.to_primary.insert(&aside_key, aside.clone());
            out.to_other.insert(&aside_key, aside.clone());
            out.open.insert(&aside_key, aside.clone());
            out.older.push(OlderCopy {
                key: key.clone(),
                copy: aside.clone(),
                opened_ms: open.updated_ms,
            });
        }
        if p != Some(&open) {
            out.to_primary.insert(&key, open.clone());
        }
        if o != Some(&open) {
            out.to_other.insert(&key, open.clone());
        }
        out.open.insert(&key, open);
    }
    out
}

/// The prefix of every key the app stores; a host bridge accepts no other.
pub const KEY_PREFIX: &str = "baosong.";

/// Whether `key` is one the app may store through a host: its prefix, at most 200
/// characters of letters, digits and `._:-` (no path, markup or control characters).
pub fn is_app_key(key: &str) -> bool {
    key.len() <= 200
        && key.starts_with(KEY_PREFIX)
        && key.len() > KEY_PREFIX.len()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._:-".contains(&b))
}

/// The key an older or unreadable copy of `key` is kept under (`<key>.<why>-<ms>`), so that
/// nothing the person saved is overwritten.
pub fn set_aside_key(key: &str, why: SetAside, now_ms: u64) -> String {
    let why = match why {
        SetAside::Unreadable => "unreadable",
        SetAside::Older => "older",
    };
    format!("{key}.{why}-{now_ms}")
}

/// Why a copy was kept aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetAside {
    /// It could not be read.
    Unreadable,
    /// Another store held a newer copy.
    Older,
}

/// The key beside `key` in the app's own `localStorage` that holds its write time.
pub fn stamp_key(key: &str) -> String {
    format!("{key}.saved_ms")
}

/// Whether `key` is a write-time key of [`stamp_key`], not a document.
pub fn is_stamp_key(key: &str) -> bool {
    key.ends_with(".saved_ms")
}
