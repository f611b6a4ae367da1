//! The district workspace's state, provided as context: the saved document (settings,
//! received packages and videos, recommendation), the received files of this tab, and the
//! pool of video workers that re-inspect and re-hash the videos.
//!
//! Every change goes through [`DistrictState::write`], which saves the document to local
//! storage before anyone reads the change (`saved::write_then_notify`, as the unit's app
//! does); the files themselves go to IndexedDB, so a reload keeps both. A file the browser
//! would not keep is asked for again, by name, without losing any choice. The videos are
//! re-hashed by a pool of the app's one job type (`jobs::Jobs`).

use crate::core::contest::ContestDefinition;
use crate::core::district::collection::SourceFile;
use crate::core::district::flags::Flags;
use crate::core::district::workspace::DistrictWorkspace;
use crate::core::package::verify::OpenError;
use crate::i18n::t;
use crate::ui::jobs::{JobState, Jobs, Launch, Ticket};
use crate::ui::saved::{self, Loaded, SaveStatus};
use crate::web::blob_store::{self, Store};
use crate::web::package_client;
use crate::web::video_job::{self, VideoEvent};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;
use std::sync::Arc;

/// Storage key of the district workspace (apart from the unit's drafts).
pub fn district_key() -> String {
    crate::web::launch::storage_key("district.v1")
}

/// Most videos hashed at once, whatever the machine offers: each worker may hold a whole
/// file in memory on the WebCrypto path (up to `native_digest_limit`), and reading from one
/// disk gains little from more (0.91× one worker with 2 on a 2-core machine, see FINDINGS).
const MAX_WORKERS: usize = 2;

/// What is happening to a received file's video: queued, or being read (percent done).
pub type Hashing = JobState<u32>;

/// The district workspace's shared state.
#[derive(Clone, Copy)]
pub struct DistrictState {
    /// The saved document. Change it only with [`DistrictState::write`].
    pub ws: RwSignal<DistrictWorkspace>,
    /// The review flags of every package, computed once per change (the pair checks are n²).
    pub flags: Memo<Flags>,
    /// Whether the last save reached local storage.
    pub save: RwSignal<SaveStatus>,
    /// Why the saved document could not be read at start-up (it was set aside), until the
    /// next save.
    set_aside: RwSignal<Option<String>>,
    /// Received files available in this tab, by collection id (reactive: a row shows when
    /// its file must be chosen again).
    files: RwSignal<HashMap<String, web_sys::Blob>, LocalStorage>,
    /// The videos waiting for or running in a worker, by id.
    pub hashing: Jobs<u32>,
    contest: StoredValue<Arc<ContestDefinition>>,
}

/// The district state from context.
pub fn use_district() -> DistrictState {
    expect_context::<DistrictState>()
}

/// How many workers hash at once: the browser's cores, capped.
fn pool_size() -> usize {
    let cores = web_sys::window()
        .map(|w| w.navigator().hardware_concurrency())
        .unwrap_or(2.0) as usize;
    cores.clamp(1, MAX_WORKERS)
}

impl DistrictState {
    /// Loads the saved workspace (or starts an empty one) and its files from IndexedDB.
    pub fn start(contest: Arc<ContestDefinition>) -> DistrictState {
        let now = crate::web::now_ms();
        let loaded = saved::load_or_set_aside(&district_key(), now, DistrictWorkspace::from_json);
        let (ws, set_aside) = match loaded {
            Loaded::Read(ws) => (ws, None),
            Loaded::Nothing => (DistrictWorkspace::new(""), None),
            Loaded::SetAside { why, .. } => (DistrictWorkspace::new(""), Some(why)),
        };
        let ws = RwSignal::new(ws);
        let save = RwSignal::new(saved::initial_status(now));
        saved::watch_failures(save);
        let state = DistrictState {
            flags: {
                let def = contest.clone();
                Memo::new(move |_| ws.with(|w| w.flags(&def)))
            },
            ws,
            save,
            set_aside: RwSignal::new(set_aside),
            files: RwSignal::new_local(HashMap::new()),
            hashing: Jobs::new(pool_size()),
            contest: StoredValue::new(contest),
        };
        state.restore_files();
        state
    }

    /// The one write path: changes the document, saves it, then notifies readers.
    pub fn write(&self, f: impl FnOnce(&mut DistrictWorkspace)) {
        if self.set_aside.with_untracked(Option::is_some) {
            self.set_aside.set(None);
        }
        saved::write_then_notify(
            self.ws,
            &district_key(),
            DistrictWorkspace::to_json,
            self.save,
            f,
        );
    }

    /// Whether the file of `id` is available in this tab (reactive).
    pub fn has_file(&self, id: &str) -> bool {
        self.files.with(|m| m.contains_key(id))
    }

    /// The file of `id`, if available.
    pub fn file(&self, id: &str) -> Option<web_sys::Blob> {
        self.files.with_untracked(|m| m.get(id).cloned())
    }

    /// Brings back the files kept in IndexedDB, then re-queues videos not yet hashed.
    fn restore_files(&self) {
        let state = *self;
        let ids: Vec<String> = self.ws.with_untracked(|ws| {
            let c = &ws.collection;
            c.entries
                .iter()
                .map(|e| e.id.clone())
                .chain(c.videos.iter().map(|v| v.id.clone()))
                .collect()
        });
        spawn_local(async move {
            for id in ids {
                if let Ok(Some(blob)) = blob_store::get(Store::Received, &id).await {
                    state.files.update(|m| {
                        m.insert(id.clone(), blob);
                    });
                    state.queue_if_unhashed(&id);
                }
            }
        });
    }

    /// Receives files the office dropped or chose: `.zip` as packages, anything else as a
    /// video sent separately. Packages are opened and verified in the package worker.
    pub fn receive(&self, files: Vec<web_sys::File>) {
        for file in files {
            let source = SourceFile {
                name: file.name(),
                size: file.size() as u64,
                received_ms: crate::web::now_ms(),
            };
            if source.name.to_lowercase().ends_with(".zip") {
                self.receive_package(file, source);
            } else {
                let mut id = String::new();
                self.write(|ws| id = ws.collection.add_video(source));
                self.keep(&id, file.into());
            }
        }
    }

    fn receive_package(&self, file: web_sys::File, source: SourceFile) {
        let state = *self;
        let def = self.contest.get_value();
        spawn_local(async move {
            let blob: web_sys::Blob = file.into();
            let opened = package_client::open(&def, &blob)
                .await
                .map_err(OpenError::Zip);
            let mut id = String::new();
            state.write(|ws| id = ws.collection.add_package(source, opened));
            state.keep(&id, blob);
        });
    }

    /// Keeps a received file in this tab and in IndexedDB, and queues its video.
    fn keep(&self, id: &str, blob: web_sys::Blob) {
        self.files.update(|m| {
            m.insert(id.to_string(), blob.clone());
        });
        let key = id.to_string();
        spawn_local(async move {
            // A refusal (quota, private mode) only means asking for the file after a reload.
            let _ = blob_store::put(Store::Received, &key, &blob).await;
        });
        self.queue_if_unhashed(id);
    }

    /// A file chosen again for a row whose file the browser did not keep.
    pub fn supply(&self, id: &str, file: web_sys::File) {
        self.keep(id, file.into());
    }

    /// Queues `id` when its video is there to hash and has not been hashed yet.
    fn queue_if_unhashed(&self, id: &str) {
        let needs = self.ws.with_untracked(|ws| {
            let c = &ws.collection;
            match c.entry(id) {
                Some(e) => e.video_inside_unhashed(),
                None => c.video(id).is_some_and(|v| v.fingerprint.is_none()),
            }
        });
        if needs && !self.hashing.is_active(id) {
            let state = *self;
            self.hashing
                .start(id, 0, move |ticket| state.start_job(ticket));
        }
    }

    /// The bytes to hash for `id`: the stored video's slice of a package, or a whole video.
    fn video_blob(&self, id: &str) -> Option<web_sys::Blob> {
        let file = self.file(id)?;
        let range = self
            .ws
            .with_untracked(|ws| ws.collection.entry(id).map(|e| e.opened.video_range));
        match range {
            Some(Some((offset, len))) => file
                .slice_with_f64_and_f64(offset as f64, (offset + len) as f64)
                .ok(),
            Some(None) => None,
            None => Some(file),
        }
    }

    /// Re-inspects and re-hashes the video of the ticket's id; nothing to do when its file
    /// is gone.
    fn start_job(&self, ticket: Ticket<u32>) -> Launch {
        let Some(blob) = self.video_blob(ticket.key()) else {
            return Ok(None);
        };
        let contest = self.contest.get_value();
        let state = *self;
        let job = video_job::start(&blob, Some(&contest.video), move |ev| {
            if !ticket.is_current() {
                return;
            }
            let key = ticket.key().to_string();
            match ev {
                VideoEvent::Inspected(report) => state.write(|ws| {
                    let c = &mut ws.collection;
                    if !c.set_inside_inspection(&key, (*report).clone()) {
                        c.set_video_inspection(&key, *report);
                    }
                }),
                VideoEvent::Progress { done, total } => {
                    ticket.progress((done * 100 / total.max(1)) as u32)
                }
                VideoEvent::Done(fp) => {
                    state.write(|ws| {
                        let c = &mut ws.collection;
                        if !c.set_inside_fingerprint(&key, fp.clone()) {
                            c.set_video_fingerprint(&key, fp);
                        }
                    });
                    ticket.finish();
                }
                VideoEvent::Failed(m) => ticket.fail(m),
            }
        })?;
        Ok(Some(Box::new(job)))
    }

    /// Removes a package or video: its job stops, its file is forgotten here and in IndexedDB.
    pub fn remove(&self, id: &str) {
        self.hashing.stop(id);
        self.files.update(|m| {
            m.remove(id);
        });
        self.write(|ws| {
            if !ws.remove_package(id) {
                ws.collection.remove_video(id);
            }
        });
        let key = id.to_string();
        spawn_local(async move {
            let _ = blob_store::delete(Store::Received, &key).await;
        });
    }

    /// Replaces the whole workspace (an imported backup); files are asked for again.
    pub fn replace(&self, ws: DistrictWorkspace) {
        let ids: Vec<String> = self.files.with_untracked(|m| m.keys().cloned().collect());
        for id in ids {
            self.remove(&id);
        }
        self.write(|w| *w = ws);
    }

    /// Adds `id` to the recommendation (with `note` when a blocking flag needs one); the
    /// refusal, in Chinese, when the quota, a duplicate or a missing note stops it.
    pub fn pick(&self, id: &str, note: &str) -> Result<(), String> {
        let mut outcome = Ok(());
        let contest = self.contest.get_value();
        // Read before the write: after an earlier write in the same handler (a bulk pick) the
        // memo recomputes, and it reads the document the write holds.
        let flags = self.flags.get_untracked();
        self.write(|ws| {
            let Some(quota) = ws.office.quota(&contest) else {
                outcome = Err(t().district.pick_needs_district.to_string());
                return;
            };
            outcome = ws
                .recommendation
                .add(id, note, &quota, &ws.collection, &flags)
                .map_err(|e| e.to_string());
        });
        outcome
    }

    /// A message for a save that failed, if the last one did (reactive).
    pub fn save_problem(&self) -> Option<String> {
        match self.save.get() {
            SaveStatus::Saved(_) => self.set_aside.get(),
            SaveStatus::Failed(e) => Some(crate::ui::save_bar::storage_message(&e).to_string()),
        }
    }
}

/// The text shown for a missing file: which one to choose again.
pub fn missing_file_hint(name: &str) -> String {
    crate::i18n::fill(t().district.file_missing, &[("name", name)])
}
