//! Where opening a package stands, and the steps that move it on: the package verified in
//! the package worker, its work restored (the scan kept again), and its video hashed in the
//! video worker and checked against the manifest.

use crate::core::contest::{ContestDefinition, FieldRole};
use crate::core::package::verify::{restore_into, OpenedPackage, Problem};
use crate::i18n::{fill, t};
use crate::ui::state::AppState;
use crate::web::package_client;
use crate::web::package_open::{store_scan, stored_video, video_file};
use crate::web::video_job::{self, VideoEvent, VideoJob};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// Where opening a package stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Opening {
    Idle,
    Reading,
    Failed(String),
    Opened {
        title: String,
        problems: Vec<String>,
        video: VideoCheck,
    },
}

/// The video's part of the verification.
#[derive(Debug, Clone, PartialEq)]
pub enum VideoCheck {
    Hashing(u32),
    Checked,
    NeedsFile,
}

/// Opening packages on the package step: what is shown, the package opened, the job hashing
/// its video and the work it restored.
#[derive(Clone, Copy)]
pub struct Opener {
    state: AppState,
    contest: StoredValue<Arc<ContestDefinition>>,
    /// What the page shows.
    pub status: RwSignal<Opening>,
    opened: StoredValue<Option<OpenedPackage>>,
    job: StoredValue<Option<VideoJob>, LocalStorage>,
    restored: StoredValue<Option<String>>,
    /// Invisible characters removed from the restored work (said beside it).
    pub stripped: RwSignal<usize>,
}

impl Opener {
    /// Nothing opened yet.
    pub fn new(state: AppState, contest: Arc<ContestDefinition>) -> Opener {
        Opener {
            state,
            contest: StoredValue::new(contest),
            status: RwSignal::new(Opening::Idle),
            opened: StoredValue::new(None),
            job: StoredValue::new_local(None),
            restored: StoredValue::new(None),
            stripped: RwSignal::new(0),
        }
    }

    /// Opens and verifies `file`, restores its work and checks the video stored inside (or
    /// asks for it).
    pub fn open(self, file: web_sys::File) {
        self.job.set_value(None);
        self.status.set(Opening::Reading);
        let c = self.contest.get_value();
        spawn_local(async move {
            let mut o = match package_client::open(&c, &file).await {
                Ok(o) => o,
                Err(e) => {
                    self.status.set(Opening::Failed(e.to_string()));
                    return;
                }
            };
            // Restore the work even when something is wrong: nothing typed is lost, and the
            // problems stay listed beside it.
            let def = self.contest.get_value();
            let restored = self
                .state
                .write(|ws, _| restore_into(&o, ws).map(|id| (id, ws.strip_invisible(&def))));
            let (restored_id, removed) = match restored.flatten() {
                Some((id, removed)) => (Some(id), removed),
                None => (None, 0),
            };
            self.stripped.set(removed);
            self.restored.try_set_value(restored_id.clone());
            if let (Some(id), Some((att, bytes))) = (restored_id.clone(), o.scan.take()) {
                if let Some(att) = store_scan(&id, att, &bytes).await {
                    self.state
                        .write(|ws, now| ws.edit_work(&id, now, |w| w.pledge.scan = Some(att)));
                }
            }
            // The package's 缩略图.jpg becomes the work's sheet again, so a package made from
            // the reopened work carries it as the first did.
            if let (Some(id), Some(sheet)) = (restored_id, o.contact_sheet.take()) {
                self.state.videos.keep_sheet(&id, sheet).await;
            }
            let range = o.video_range;
            self.opened.try_set_value(Some(o));
            match range {
                Some(range) => match stored_video(&file, range) {
                    Ok(slice) => self.check_video(slice),
                    Err(e) => self.status.set(Opening::Failed(e)),
                },
                None => self.show(VideoCheck::NeedsFile),
            }
        });
    }

    /// Hashes `blob` in the video worker and checks it against the manifest.
    pub fn check_video(self, blob: web_sys::Blob) {
        self.show(VideoCheck::Hashing(0));
        let checked = blob.clone();
        let started = video_job::start(&blob, None, move |ev| match ev {
            VideoEvent::Progress { done, total } => {
                self.show(VideoCheck::Hashing((done * 100 / total.max(1)) as u32))
            }
            VideoEvent::Done(fp) => {
                self.opened.try_update_value(|o| {
                    if let Some(o) = o {
                        o.check_video(&fp.sha256, fp.size);
                    }
                });
                self.adopt(&checked);
                self.show(VideoCheck::Checked);
            }
            // No inspection was asked for: the package's own report stands.
            VideoEvent::Inspected(_) => {}
            VideoEvent::Failed(m) => {
                self.opened.try_update_value(|o| {
                    if let Some(o) = o {
                        o.problems.push(Problem {
                            member: None,
                            problem: fill(t().open_video_unreadable, &[("why", &m)]),
                        });
                    }
                });
                self.show(VideoCheck::NeedsFile);
            }
        });
        match started {
            Ok(j) => {
                self.job.try_set_value(Some(j));
            }
            Err(m) => self.status.set(Opening::Failed(m)),
        }
    }

    /// The verified video becomes the work's file in this tab, so a new package can include
    /// it without choosing it again.
    fn adopt(self, checked: &web_sys::Blob) {
        let verified = self.opened.try_get_value().flatten().filter(|o| o.is_ok());
        if let (Some(o), Some(Some(id))) = (verified, self.restored.try_get_value()) {
            let name = o.manifest.map(|m| m.video.file_name).unwrap_or_default();
            if let Some(file) = video_file(checked, &name) {
                let prechecked = self.state.ws.with_untracked(|ws| {
                    ws.work(&id)
                        .and_then(|w| w.video.as_ref())
                        .is_some_and(|v| v.precheck.is_some())
                });
                self.state.videos.adopt(&id, file, prechecked);
            }
        }
    }

    /// Mirrors the opened package into the status line.
    fn show(self, video: VideoCheck) {
        // The unit may have left the page while the worker ran: then there is nothing to show.
        let Some(o) = self.opened.try_get_value().flatten() else {
            return;
        };
        self.status.set(Opening::Opened {
            title: o
                .submission
                .as_ref()
                .map(|s| s.role_value(FieldRole::WorkTitle).to_string())
                .unwrap_or_default(),
            problems: o.problems.iter().map(|p| p.problem.clone()).collect(),
            video,
        });
    }
}
