//! The videos chosen in this tab, owned by the app rather than by the video step: each work's
//! `File` (a browser never gives it back after a reload), its inspection and its fingerprint
//! job. Hashing therefore goes on while the unit moves between steps and works; there is one
//! job per work, cancelled when the work is deleted or another file is chosen for it; and
//! every result is stored on the work that started it, by id, whatever is selected then.
//!
//! The look-and-listen pre-check runs in a second video worker beside the fingerprint, once
//! the inspection is in; its contact sheet (缩略图) is kept in IndexedDB under
//! [`sheet_key`] for the package, and shown from an object URL.

use super::state::AppState;
use crate::core::contest::VideoRules;
use crate::core::submission::VideoSummary;
use crate::web::blob_store::{self, Store};
use crate::web::video_job::{self, PrecheckEvent, VideoEvent, VideoJob};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::{BTreeMap, HashMap};

/// What is happening to a work's video right now.
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
    /// The unit stopped the fingerprint.
    Cancelled,
    /// The worker failed, with the browser's message.
    Failed(String),
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
            _ => None,
        }
    }
}

/// What is happening to a work's pre-check right now.
#[derive(Debug, Clone, PartialEq)]
pub enum PrecheckRun {
    /// Decoding: steps done of all.
    Running {
        /// Pictures and audio reads done.
        done: u32,
        /// All of them.
        total: u32,
    },
    /// The unit stopped it.
    Cancelled,
    /// The worker failed, with the browser's message.
    Failed(String),
}

/// Where a work's contact sheet is kept in IndexedDB (the scans store).
pub fn sheet_key(work_id: &str) -> String {
    format!("sheet-{work_id}")
}

/// A chosen file and the generation of the choice (a newer choice makes older results stale).
#[derive(Clone)]
pub struct Picked {
    /// The file as the browser gave it.
    pub file: web_sys::File,
    /// Increases with every choice in this tab.
    pub generation: u64,
}

/// The app-owned registry, provided inside [`AppState`].
#[derive(Clone, Copy)]
pub struct Videos {
    picked: RwSignal<HashMap<String, Picked>, LocalStorage>,
    jobs: StoredValue<HashMap<String, VideoJob>, LocalStorage>,
    progress: RwSignal<BTreeMap<String, Progress>>,
    next_generation: StoredValue<u64>,
    prechecks: StoredValue<HashMap<String, VideoJob>, LocalStorage>,
    precheck_runs: RwSignal<BTreeMap<String, PrecheckRun>>,
    /// Object URLs of the contact sheets shown, by work; `None` while loading or absent.
    sheets: RwSignal<HashMap<String, Option<String>>>,
}

impl Default for Videos {
    fn default() -> Self {
        Self::new()
    }
}

impl Videos {
    /// An empty registry.
    pub fn new() -> Self {
        Videos {
            picked: RwSignal::new_local(HashMap::new()),
            jobs: StoredValue::new_local(HashMap::new()),
            progress: RwSignal::new(BTreeMap::new()),
            next_generation: StoredValue::new(1),
            prechecks: StoredValue::new_local(HashMap::new()),
            precheck_runs: RwSignal::new(BTreeMap::new()),
            sheets: RwSignal::new(HashMap::new()),
        }
    }

    /// The file chosen for a work in this tab (reactive).
    pub fn picked(&self, work_id: &str) -> Option<Picked> {
        self.picked.with(|m| m.get(work_id).cloned())
    }

    /// What is happening to a work's video (reactive).
    pub fn progress(&self, work_id: &str) -> Option<Progress> {
        self.progress.with(|m| m.get(work_id).cloned())
    }

    /// Every work with something going on (reactive).
    pub fn all_progress(&self) -> Vec<(String, Progress)> {
        self.progress
            .with(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
    }

    fn set_progress(&self, work_id: &str, p: Option<Progress>) {
        self.progress.update(|m| match p {
            Some(p) => {
                m.insert(work_id.to_string(), p);
            }
            None => {
                m.remove(work_id);
            }
        });
    }

    fn is_current(&self, work_id: &str, generation: u64) -> bool {
        self.picked
            .with_untracked(|m| m.get(work_id).map(|p| p.generation) == Some(generation))
    }

    /// Chooses `file` for `work_id`: stops that work's running job, then the video worker
    /// inspects the file (the report is stored on that work) and fingerprints it.
    pub fn choose(
        &self,
        state: AppState,
        work_id: String,
        file: web_sys::File,
        rules: &VideoRules,
    ) {
        let generation = self.next_generation.get_value();
        self.next_generation.set_value(generation + 1);
        self.stop_precheck(&work_id);
        self.picked.update(|m| {
            m.insert(work_id.clone(), Picked { file, generation });
        });
        // VideoRules always serialises (plain data); an empty string would skip the inspection.
        let rules = serde_json::to_string(rules).unwrap_or_default();
        self.run(state, &work_id, Some(rules));
    }

    /// (Re)starts the fingerprint of the file chosen for `work_id`.
    pub fn hash(&self, state: AppState, work_id: &str) {
        self.run(state, work_id, None);
    }

    /// Starts the video worker on the work's chosen file: inspection first when `rules` are
    /// given, then the fingerprint; every result lands on `work_id` while the choice is current.
    fn run(&self, state: AppState, work_id: &str, rules: Option<String>) {
        let Some(picked) = self.picked.with_untracked(|m| m.get(work_id).cloned()) else {
            return;
        };
        self.stop_job(work_id);
        let total = picked.file.size() as u64;
        let hashing = move |done: u64, started_ms: f64| Progress::Hashing {
            done,
            total,
            started_ms,
            now_ms: js_sys::Date::now(),
        };
        self.set_progress(
            work_id,
            Some(if rules.is_some() {
                Progress::Inspecting
            } else {
                hashing(0, js_sys::Date::now())
            }),
        );
        let videos = *self;
        let id = work_id.to_string();
        let name = picked.file.name();
        let generation = picked.generation;
        let job = video_job::start(&picked.file, rules, move |ev| {
            if !videos.is_current(&id, generation) {
                return;
            }
            match ev {
                VideoEvent::Inspected(report) => {
                    let summary = VideoSummary::from_inspection(&name, total, *report);
                    state.write(|ws, now| ws.attach_inspection(&id, summary, now));
                    videos.set_progress(&id, Some(hashing(0, js_sys::Date::now())));
                    videos.precheck(state, &id);
                }
                VideoEvent::Progress { done, .. } => {
                    let started = match videos.progress.with_untracked(|m| m.get(&id).cloned()) {
                        Some(Progress::Hashing { started_ms, .. }) => started_ms,
                        _ => js_sys::Date::now(),
                    };
                    videos.set_progress(&id, Some(hashing(done, started)));
                }
                VideoEvent::Done(fp) => {
                    state.write(|ws, now| ws.attach_fingerprint(&id, &name, &fp, now));
                    videos.set_progress(&id, None);
                    videos.finish_later(&id, generation);
                }
                VideoEvent::Failed(m) => {
                    videos.set_progress(&id, Some(Progress::Failed(m)));
                    videos.finish_later(&id, generation);
                }
            }
        });
        match job {
            Ok(j) => self.jobs.update_value(|m| {
                m.insert(work_id.to_string(), j);
            }),
            Err(m) => self.set_progress(work_id, Some(Progress::Failed(m))),
        }
    }

    /// Drops a finished job after its handler has returned (never from inside it).
    fn finish_later(&self, work_id: &str, generation: u64) {
        let videos = *self;
        let id = work_id.to_string();
        spawn_local(async move {
            if videos.is_current(&id, generation) {
                videos.stop_job(&id);
            }
        });
    }

    fn stop_job(&self, work_id: &str) {
        // Dropping a job terminates its worker and detaches its handlers.
        let job = self.jobs.try_update_value(|m| m.remove(work_id)).flatten();
        drop(job);
    }

    /// The unit stops a running fingerprint.
    pub fn cancel(&self, work_id: &str) {
        self.stop_job(work_id);
        self.set_progress(work_id, Some(Progress::Cancelled));
    }

    /// Takes `file` as the work's video without inspecting or hashing it again: it was just
    /// checked against a package's manifest, whose report and SHA-256 the work already has.
    pub fn adopt(&self, work_id: &str, file: web_sys::File) {
        self.stop_job(work_id);
        self.stop_precheck(work_id);
        let generation = self.next_generation.get_value();
        self.next_generation.set_value(generation + 1);
        self.picked.update(|m| {
            m.insert(work_id.to_string(), Picked { file, generation });
        });
        self.set_progress(work_id, None);
    }

    /// Forgets a work entirely (it was deleted): its job stops, its file is released.
    pub fn forget(&self, work_id: &str) {
        self.stop_job(work_id);
        self.stop_precheck(work_id);
        self.drop_sheet_url(work_id);
        self.picked.update(|m| {
            m.remove(work_id);
        });
        self.set_progress(work_id, None);
    }

    /// Forgets every work not in `ids` (after an import or a clear).
    pub fn retain(&self, ids: &[String]) {
        let gone: Vec<String> = self.picked.with_untracked(|m| {
            m.keys()
                .chain(
                    self.progress
                        .with_untracked(|p| p.keys().cloned().collect::<Vec<_>>())
                        .iter(),
                )
                .filter(|k| !ids.contains(k))
                .cloned()
                .collect()
        });
        for id in gone {
            self.forget(&id);
        }
    }

    /// What is happening to a work's pre-check (reactive).
    pub fn precheck_run(&self, work_id: &str) -> Option<PrecheckRun> {
        self.precheck_runs.with(|m| m.get(work_id).cloned())
    }

    fn set_precheck_run(&self, work_id: &str, r: Option<PrecheckRun>) {
        self.precheck_runs.update(|m| match r {
            Some(r) => {
                m.insert(work_id.to_string(), r);
            }
            None => {
                m.remove(work_id);
            }
        });
    }

    fn stop_precheck(&self, work_id: &str) {
        let job = self
            .prechecks
            .try_update_value(|m| m.remove(work_id))
            .flatten();
        drop(job);
        self.set_precheck_run(work_id, None);
    }

    /// (Re)starts the pre-check of the file chosen for `work_id`; its result lands on that
    /// work while the choice is current, and its contact sheet in IndexedDB.
    pub fn precheck(&self, state: AppState, work_id: &str) {
        let Some(picked) = self.picked.with_untracked(|m| m.get(work_id).cloned()) else {
            return;
        };
        self.stop_precheck(work_id);
        self.set_precheck_run(work_id, Some(PrecheckRun::Running { done: 0, total: 0 }));
        let videos = *self;
        let id = work_id.to_string();
        let name = picked.file.name();
        let size = picked.file.size() as u64;
        let generation = picked.generation;
        let job = video_job::start_precheck(&picked.file, move |ev| {
            if !videos.is_current(&id, generation) {
                return;
            }
            match ev {
                PrecheckEvent::Progress { done, total } => {
                    videos.set_precheck_run(&id, Some(PrecheckRun::Running { done, total }));
                }
                PrecheckEvent::Done(precheck, sheet) => {
                    let (id, name) = (id.clone(), name.clone());
                    // The sheet is stored before the result shows, so a package built the
                    // moment it appears already finds it.
                    spawn_local(async move {
                        videos.store_sheet(&id, sheet).await;
                        if videos.is_current(&id, generation) {
                            state.write(|ws, now| {
                                ws.attach_precheck(&id, &name, size, *precheck, now)
                            });
                            videos.set_precheck_run(&id, None);
                            videos.finish_precheck_later(&id, generation);
                        }
                    });
                }
                PrecheckEvent::Failed(m) => {
                    videos.set_precheck_run(&id, Some(PrecheckRun::Failed(m)));
                    videos.finish_precheck_later(&id, generation);
                }
            }
        });
        match job {
            Ok(j) => self.prechecks.update_value(|m| {
                m.insert(work_id.to_string(), j);
            }),
            Err(m) => self.set_precheck_run(work_id, Some(PrecheckRun::Failed(m))),
        }
    }

    /// Drops a finished pre-check job after its handler has returned.
    fn finish_precheck_later(&self, work_id: &str, generation: u64) {
        let videos = *self;
        let id = work_id.to_string();
        spawn_local(async move {
            if videos.is_current(&id, generation) {
                let job = videos
                    .prechecks
                    .try_update_value(|m| m.remove(&id))
                    .flatten();
                drop(job);
            }
        });
    }

    /// The unit stops a running pre-check; the self-checks stay theirs to answer.
    pub fn cancel_precheck(&self, work_id: &str) {
        self.stop_precheck(work_id);
        self.set_precheck_run(work_id, Some(PrecheckRun::Cancelled));
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
