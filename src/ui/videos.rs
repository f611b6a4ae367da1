//! The videos chosen in this tab, owned by the app rather than by the video step: each work's
//! `File` (a browser never gives it back after a reload), its inspection and its fingerprint
//! job. Hashing therefore goes on while the unit moves between steps and works; there is one
//! job per work, cancelled when the work is deleted or another file is chosen for it; and
//! every result goes to the sink as a [`VideoResult`] for the work that started it, by id,
//! whatever is selected then. This module knows nothing of the app's state: the owner of the
//! document gives it the sink ([`Videos::deliver_to`]).
//!
//! The look-and-listen pre-check runs in a second video worker beside the fingerprint, once
//! the inspection is in; its contact sheet (缩略图) is kept in IndexedDB under
//! [`sheet_key`] for the package, and shown from an object URL.

use super::jobs::{JobState, Jobs, Launch, Ticket};
use crate::core::contest::VideoRules;
use crate::core::inspection::Fingerprint;
use crate::core::precheck::Precheck;
use crate::core::submission::VideoSummary;
use crate::web::blob_store::{self, Store};
use crate::web::video_job::{self, PrecheckEvent, VideoEvent};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

/// How far a work's fingerprint job is.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    /// The video worker reads its metadata.
    Inspecting,
    /// The video worker hashes it.
    Hashing {
        /// Bytes hashed.
        done: u64,
        /// File size.
        total: u64,
        /// When hashing started (ms, `Date.now()`).
        started_ms: f64,
        /// When the last progress arrived.
        now_ms: f64,
    },
}

impl Progress {
    /// Percentage done, for a hashing job.
    pub fn percent(&self) -> Option<f64> {
        match self {
            Progress::Hashing { done, total, .. } => Some(if *total == 0 {
                100.0
            } else {
                *done as f64 * 100.0 / *total as f64
            }),
            Progress::Inspecting => None,
        }
    }
}

/// How far a work's pre-check is: pictures decoded plus audio reads, of all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Steps {
    /// Steps done.
    pub done: u32,
    /// All of them (0 until the plan is read).
    pub total: u32,
}

/// A result for the document, on the work that started the job.
#[derive(Debug, Clone, PartialEq)]
pub enum VideoResult {
    /// The inspection of the chosen file.
    Inspected {
        /// The work.
        work_id: String,
        /// Its video's summary with the report.
        summary: Box<VideoSummary>,
    },
    /// The fingerprint of the chosen file.
    Fingerprinted {
        /// The work.
        work_id: String,
        /// The file hashed (the work's video must still be this one).
        file_name: String,
        /// SHA-256, CRC-32 and size.
        fingerprint: Fingerprint,
    },
    /// The pre-check of the chosen file.
    Prechecked {
        /// The work.
        work_id: String,
        /// The file checked.
        file_name: String,
        /// Its size.
        size: u64,
        /// The hints.
        precheck: Box<Precheck>,
    },
}

/// Where a work's contact sheet is kept in IndexedDB (the scans store).
pub fn sheet_key(work_id: &str) -> String {
    format!("sheet-{work_id}")
}

/// A chosen file (a newer choice stops the jobs of the older one, so their results are
/// stale).
#[derive(Clone)]
pub struct Picked {
    /// The file as the browser gave it.
    pub file: web_sys::File,
}

type Sink = Rc<dyn Fn(VideoResult)>;

/// The app-owned registry, provided inside the app's state.
#[derive(Clone, Copy)]
pub struct Videos {
    picked: RwSignal<HashMap<String, Picked>, LocalStorage>,
    fingerprints: Jobs<Progress>,
    prechecks: Jobs<Steps>,
    sink: StoredValue<Option<Sink>, LocalStorage>,
    /// Object URLs of the contact sheets shown, by work; `None` while loading or absent.
    sheets: RwSignal<HashMap<String, Option<String>>>,
}

impl Default for Videos {
    fn default() -> Self {
        Self::new()
    }
}

impl Videos {
    /// An empty registry; its results go nowhere until [`Videos::deliver_to`].
    pub fn new() -> Self {
        Videos {
            picked: RwSignal::new_local(HashMap::new()),
            fingerprints: Jobs::new(usize::MAX),
            prechecks: Jobs::new(usize::MAX),
            sink: StoredValue::new_local(None),
            sheets: RwSignal::new(HashMap::new()),
        }
    }

    /// Where results go from now on: the owner of the document applies them.
    pub fn deliver_to(&self, sink: impl Fn(VideoResult) + 'static) {
        self.sink.set_value(Some(Rc::new(sink)));
    }

    fn deliver(&self, result: VideoResult) {
        if let Some(sink) = self.sink.get_value() {
            sink(result);
        }
    }

    /// The file chosen for a work in this tab (reactive).
    pub fn picked(&self, work_id: &str) -> Option<Picked> {
        self.picked.with(|m| m.get(work_id).cloned())
    }

    /// What is happening to a work's video (reactive).
    pub fn progress(&self, work_id: &str) -> Option<JobState<Progress>> {
        self.fingerprints.state(work_id)
    }

    /// Every work with something going on (reactive).
    pub fn all_progress(&self) -> Vec<(String, JobState<Progress>)> {
        self.fingerprints
            .with(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
    }

    /// Records `file` as the work's choice, stopping whatever ran on the one before.
    fn pick(&self, work_id: &str, file: web_sys::File) {
        self.fingerprints.stop(work_id);
        self.prechecks.stop(work_id);
        self.picked.update(|m| {
            m.insert(work_id.to_string(), Picked { file });
        });
    }

    /// Chooses `file` for `work_id`: the video worker inspects the file (the report goes to
    /// that work), then fingerprints it, and the pre-check follows the inspection.
    pub fn choose(&self, work_id: String, file: web_sys::File, rules: &VideoRules) {
        self.pick(&work_id, file);
        self.run(&work_id, Some(rules.clone()));
    }

    /// (Re)starts the fingerprint of the file chosen for `work_id`.
    pub fn hash(&self, work_id: &str) {
        self.run(work_id, None);
    }

    /// Starts the video worker on the work's chosen file: inspection first when `rules` are
    /// given, then the fingerprint.
    fn run(&self, work_id: &str, rules: Option<VideoRules>) {
        let Some(picked) = self.picked.with_untracked(|m| m.get(work_id).cloned()) else {
            return;
        };
        let first = if rules.is_some() {
            Progress::Inspecting
        } else {
            Progress::Hashing {
                done: 0,
                total: picked.file.size() as u64,
                started_ms: js_sys::Date::now(),
                now_ms: js_sys::Date::now(),
            }
        };
        let videos = *self;
        self.fingerprints.start(work_id, first, move |ticket| {
            videos.start_fingerprint(ticket, picked.file, rules)
        });
    }

    fn start_fingerprint(
        &self,
        ticket: Ticket<Progress>,
        file: web_sys::File,
        rules: Option<VideoRules>,
    ) -> Launch {
        let videos = *self;
        let name = file.name();
        let total = file.size() as u64;
        let started = Cell::new(js_sys::Date::now());
        let hashing = move |done: u64| Progress::Hashing {
            done,
            total,
            started_ms: started.get(),
            now_ms: js_sys::Date::now(),
        };
        let job = video_job::start(&file, rules.as_ref(), move |ev| {
            if !ticket.is_current() {
                return;
            }
            let id = ticket.key().to_string();
            match ev {
                VideoEvent::Inspected(report) => {
                    let summary = VideoSummary::from_inspection(&name, total, *report);
                    videos.deliver(VideoResult::Inspected {
                        work_id: id.clone(),
                        summary: Box::new(summary),
                    });
                    ticket.progress(hashing(0));
                    videos.precheck(&id);
                }
                VideoEvent::Progress { done, .. } => ticket.progress(hashing(done)),
                VideoEvent::Done(fingerprint) => {
                    videos.deliver(VideoResult::Fingerprinted {
                        work_id: id,
                        file_name: name.clone(),
                        fingerprint,
                    });
                    ticket.finish();
                }
                VideoEvent::Failed(m) => ticket.fail(m),
            }
        })?;
        Ok(Some(Box::new(job)))
    }

    /// The unit stops a running fingerprint.
    pub fn cancel(&self, work_id: &str) {
        self.fingerprints.cancel(work_id);
    }

    /// Takes `file` as the work's video without inspecting or hashing it again: it was just
    /// checked against a package's manifest, whose report and SHA-256 the work already has.
    /// Runs its pre-check unless the work already has one (`prechecked`).
    pub fn adopt(&self, work_id: &str, file: web_sys::File, prechecked: bool) {
        self.pick(work_id, file);
        // A package made before its pre-check finished carries none: the adopted file gets
        // its look and listen now, as a newly chosen one does.
        if !prechecked {
            self.precheck(work_id);
        }
    }

    /// Forgets a work entirely (it was deleted): its jobs stop, its file is released.
    pub fn forget(&self, work_id: &str) {
        self.fingerprints.stop(work_id);
        self.prechecks.stop(work_id);
        self.drop_sheet_url(work_id);
        self.picked.update(|m| {
            m.remove(work_id);
        });
    }

    /// Forgets every work not in `ids` (after an import or a clear).
    pub fn retain(&self, ids: &[String]) {
        let mut gone: Vec<String> = Vec::new();
        let known = self
            .picked
            .with_untracked(|m| m.keys().cloned().collect::<Vec<_>>());
        for id in known
            .into_iter()
            .chain(self.fingerprints.keys())
            .chain(self.prechecks.keys())
        {
            if !ids.contains(&id) && !gone.contains(&id) {
                gone.push(id);
            }
        }
        for id in &gone {
            self.forget(id);
        }
    }

    /// What is happening to a work's pre-check (reactive).
    pub fn precheck_run(&self, work_id: &str) -> Option<JobState<Steps>> {
        self.prechecks.state(work_id)
    }

    /// (Re)starts the pre-check of the file chosen for `work_id`; its result goes to that
    /// work while the choice is current, and its contact sheet to IndexedDB.
    pub fn precheck(&self, work_id: &str) {
        let Some(picked) = self.picked.with_untracked(|m| m.get(work_id).cloned()) else {
            return;
        };
        let videos = *self;
        let first = Steps { done: 0, total: 0 };
        self.prechecks.start(work_id, first, move |ticket| {
            videos.start_precheck(ticket, picked.file)
        });
    }

    fn start_precheck(&self, ticket: Ticket<Steps>, file: web_sys::File) -> Launch {
        let videos = *self;
        let name = file.name();
        let size = file.size() as u64;
        let job = video_job::start_precheck(&file, move |ev| {
            if !ticket.is_current() {
                return;
            }
            match ev {
                PrecheckEvent::Progress { done, total } => ticket.progress(Steps { done, total }),
                PrecheckEvent::Done(precheck, sheet) => {
                    let (ticket, name) = (ticket.clone(), name.clone());
                    // The sheet is stored before the result shows, so a package built the
                    // moment it appears already finds it.
                    spawn_local(async move {
                        let id = ticket.key().to_string();
                        videos.store_sheet(&id, sheet).await;
                        if ticket.is_current() {
                            videos.deliver(VideoResult::Prechecked {
                                work_id: id,
                                file_name: name,
                                size,
                                precheck,
                            });
                            ticket.finish();
                        }
                    });
                }
                PrecheckEvent::Failed(m) => ticket.fail(m),
            }
        })?;
        Ok(Some(Box::new(job)))
    }

    /// The unit stops a running pre-check; the self-checks stay theirs to answer.
    pub fn cancel_precheck(&self, work_id: &str) {
        self.prechecks.cancel(work_id);
    }

    /// Keeps `sheet` as work `work_id`'s contact sheet (one from a reopened package).
    pub async fn keep_sheet(&self, work_id: &str, sheet: Vec<u8>) {
        self.store_sheet(work_id, Some(sheet)).await;
    }

    async fn store_sheet(&self, work_id: &str, sheet: Option<Vec<u8>>) {
        let key = sheet_key(work_id);
        let stored = match sheet
            .as_deref()
            .map(|b| crate::web::download::bytes_blob(b, "image/jpeg"))
        {
            Some(Ok(blob)) => blob_store::put(Store::Scans, &key, &blob).await.is_ok(),
            _ => {
                let _ = blob_store::delete(Store::Scans, &key).await;
                false
            }
        };
        self.drop_sheet_url(work_id);
        if !stored {
            self.sheets.update(|m| {
                m.insert(work_id.to_string(), None);
            });
        }
    }

    fn drop_sheet_url(&self, work_id: &str) {
        let old = self
            .sheets
            .try_update(|m| m.remove(work_id))
            .flatten()
            .flatten();
        if let Some(url) = old {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    }

    /// The object URL of a work's contact sheet (reactive); loads it from IndexedDB the
    /// first time it is asked for.
    pub fn sheet_url(&self, work_id: &str) -> Option<String> {
        if let Some(known) = self.sheets.with(|m| m.get(work_id).cloned()) {
            return known;
        }
        let sheets = self.sheets;
        let id = work_id.to_string();
        sheets.update_untracked(|m| {
            m.insert(id.clone(), None);
        });
        spawn_local(async move {
            if let Ok(Some(blob)) = blob_store::get(Store::Scans, &sheet_key(&id)).await {
                if let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) {
                    sheets.update(|m| {
                        m.insert(id, Some(url));
                    });
                }
            }
        });
        None
    }
}
