//! One lifecycle for the app's background jobs: a work's fingerprint, its pre-check and the
//! district's re-hashing of received videos. [`Jobs`] owns, per key, the running handle, a
//! reactive [`JobState`] and a generation: starting or stopping a key makes every earlier
//! job's [`Ticket`] stale, so a late result can never land on a record that moved on. With a
//! limit it is a pool: what does not fit waits, queued, and starts as another finishes.
//!
//! Like leptos-use's `use_websocket`, one value owns start, progress, stop and the typed
//! state; the job's handler gets a ticket, never the jobs' internals.

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::any::Any;
use std::collections::{BTreeMap, HashMap, VecDeque};

/// What is happening to one key's job.
#[derive(Debug, Clone, PartialEq)]
pub enum JobState<P> {
    /// Waiting for a free place in the pool.
    Queued,
    /// Running, with its latest progress.
    Running(P),
    /// The person stopped it.
    Cancelled,
    /// It failed, with the reason.
    Failed(String),
}

/// What starting a job gives: its handle (dropped to stop it), nothing to do, or a failure.
pub type Launch = Result<Option<Box<dyn Any>>, String>;

/// The bookkeeping of one kind of job, the same whatever its progress type (so it is
/// compiled once): generations, running handles and the queue.
struct Inner {
    /// The current generation of each key with a job queued or running.
    current: HashMap<String, u64>,
    running: HashMap<String, (u64, Box<dyn Any>)>,
    /// Queued jobs: their key and what starts them.
    waiting: VecDeque<(String, Box<dyn FnOnce()>)>,
    next: u64,
    limit: usize,
}

type Shared = StoredValue<Inner, LocalStorage>;

/// Starts waiting jobs while the pool has room.
fn pump(inner: Shared) {
    loop {
        let next = inner
            .try_update_value(|i| {
                if i.running.len() >= i.limit {
                    return None;
                }
                i.waiting.pop_front()
            })
            .flatten();
        let Some((_, start)) = next else {
            return;
        };
        start();
    }
}

/// Stops `key`'s job, queued or running: its ticket goes stale.
fn halt(inner: Shared, key: &str) {
    let handle = inner
        .try_update_value(|i| {
            i.current.remove(key);
            i.waiting.retain(|(k, _)| k != key);
            i.running.remove(key)
        })
        .flatten();
    // Dropping the handle terminates its worker and detaches its handlers.
    drop(handle);
}

fn is_current(inner: Shared, key: &str, generation: u64) -> bool {
    inner
        .try_with_value(|i| i.current.get(key) == Some(&generation))
        .unwrap_or(false)
}

/// Retires generation `generation` of `key`: its handle is dropped after the handler that
/// ended it has returned (never from inside it), and the next waiting job starts.
fn retire(inner: Shared, key: String, generation: u64) {
    inner.update_value(|i| {
        i.current.remove(&key);
    });
    spawn_local(async move {
        let handle = inner
            .try_update_value(|i| match i.running.get(&key) {
                Some((g, _)) if *g == generation => i.running.remove(&key),
                _ => None,
            })
            .flatten();
        drop(handle);
        pump(inner);
    });
}

/// The jobs of one kind, by key (a work id, a received file's id).
pub struct Jobs<P: 'static> {
    states: RwSignal<BTreeMap<String, JobState<P>>>,
    inner: Shared,
}

impl<P> Clone for Jobs<P> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<P> Copy for Jobs<P> {}

/// A running job's right to report: it lands only while its generation is current.
pub struct Ticket<P: 'static> {
    jobs: Jobs<P>,
    key: String,
    generation: u64,
}

impl<P> Clone for Ticket<P> {
    fn clone(&self) -> Self {
        Ticket {
            jobs: self.jobs,
            key: self.key.clone(),
            generation: self.generation,
        }
    }
}

impl<P: Clone + Send + Sync + 'static> Jobs<P> {
    /// Jobs of which at most `limit` run at once (`usize::MAX`: no pool).
    pub fn new(limit: usize) -> Self {
        Jobs {
            states: RwSignal::new(BTreeMap::new()),
            inner: StoredValue::new_local(Inner {
                current: HashMap::new(),
                running: HashMap::new(),
                waiting: VecDeque::new(),
                next: 1,
                limit: limit.max(1),
            }),
        }
    }

    /// The state of `key`'s job (reactive).
    pub fn state(&self, key: &str) -> Option<JobState<P>> {
        self.states.with(|m| m.get(key).cloned())
    }

    /// Reads the states of every key (reactive).
    pub fn with<R>(&self, f: impl FnOnce(&BTreeMap<String, JobState<P>>) -> R) -> R {
        self.states.with(f)
    }

    /// A copy of every key's state (reactive).
    pub fn snapshot(&self) -> BTreeMap<String, JobState<P>> {
        self.states.get()
    }

    /// Whether `key` has a job queued or running.
    pub fn is_active(&self, key: &str) -> bool {
        self.inner.with_value(|i| i.current.contains_key(key))
    }

    /// Every key with a state or a job, unordered (a key may come twice).
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.states.with_untracked(|m| m.keys().cloned().collect());
        self.inner
            .with_value(|i| keys.extend(i.current.keys().cloned()));
        keys
    }

    fn set_state(&self, key: &str, state: Option<JobState<P>>) {
        self.states.update(|m| match state {
            Some(s) => {
                m.insert(key.to_string(), s);
            }
            None => {
                m.remove(key);
            }
        });
    }

    /// Starts a job for `key` (stopping the one it had), shown as `Running(first)`; in a
    /// full pool it waits as `Queued`. `start` gets the ticket its handler reports with.
    pub fn start(&self, key: &str, first: P, start: impl FnOnce(Ticket<P>) -> Launch + 'static) {
        halt(self.inner, key);
        let jobs = *self;
        let full = self.inner.try_update_value(|i| {
            let generation = i.next;
            i.next += 1;
            i.current.insert(key.to_string(), generation);
            let ticket = Ticket {
                jobs,
                key: key.to_string(),
                generation,
            };
            let launch = move || {
                jobs.set_state(&ticket.key, Some(JobState::Running(first)));
                match start(ticket.clone()) {
                    Ok(Some(handle)) if ticket.is_current() => jobs.inner.update_value(|i| {
                        i.running
                            .insert(ticket.key.clone(), (ticket.generation, handle));
                    }),
                    Ok(Some(_)) => {}
                    Ok(None) => ticket.end(None),
                    Err(why) => ticket.end(Some(JobState::Failed(why))),
                }
            };
            let full = i.running.len() >= i.limit;
            i.waiting.push_back((key.to_string(), Box::new(launch)));
            full
        });
        if full == Some(true) {
            self.set_state(key, Some(JobState::Queued));
        }
        pump(self.inner);
    }

    /// Stops and forgets `key`'s job (the record is gone or starts over).
    pub fn stop(&self, key: &str) {
        halt(self.inner, key);
        self.set_state(key, None);
        pump(self.inner);
    }

    /// The person stops `key`'s job: it shows as `Cancelled`.
    pub fn cancel(&self, key: &str) {
        halt(self.inner, key);
        self.set_state(key, Some(JobState::Cancelled));
        pump(self.inner);
    }
}

impl<P: Clone + Send + Sync + 'static> Ticket<P> {
    /// Whether this job is still the current one of its key.
    pub fn is_current(&self) -> bool {
        is_current(self.jobs.inner, &self.key, self.generation)
    }

    /// The key this job works for.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Reports progress, while current.
    pub fn progress(&self, p: P) {
        if self.is_current() {
            self.jobs.set_state(&self.key, Some(JobState::Running(p)));
        }
    }

    /// The job is done: its state clears.
    pub fn finish(&self) {
        if self.is_current() {
            self.end(None);
        }
    }

    /// The job failed: its state says why.
    pub fn fail(&self, why: String) {
        if self.is_current() {
            self.end(Some(JobState::Failed(why)));
        }
    }

    /// Ends the current job with `state`.
    fn end(&self, state: Option<JobState<P>>) {
        retire(self.jobs.inner, self.key.clone(), self.generation);
        self.jobs.set_state(&self.key, state);
    }
}
