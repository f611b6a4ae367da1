//! Browser tests of the one job lifecycle (`ui::jobs`): start, progress, finish, stop and
//! cancel per key, the late-result guard and the pool. Handles are drop flags, so the tests
//! see exactly when a job's worker would be terminated.
#![cfg(target_arch = "wasm32")]

use baosong::ui::jobs::{JobState, Jobs, Ticket};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Stands for a running worker: records when it is dropped (terminated).
struct Handle(Rc<Cell<bool>>);

impl Drop for Handle {
    fn drop(&mut self) {
        self.0.set(true);
    }
}

/// A job's ticket and its handle's drop flag, captured when the job starts.
type Started = Rc<RefCell<Vec<(Ticket<u32>, Rc<Cell<bool>>)>>>;

fn start(jobs: Jobs<u32>, key: &str, started: &Started) {
    let started = started.clone();
    jobs.start(key, 0, move |ticket| {
        let dropped = Rc::new(Cell::new(false));
        started.borrow_mut().push((ticket, dropped.clone()));
        Ok(Some(Box::new(Handle(dropped))))
    });
}

/// Lets the jobs' deferred work (dropping a finished handle, starting the next) run.
async fn settle() {
    let timeout = js_sys::Promise::new(&mut |done, _| {
        let window = web_sys::window().unwrap();
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&done, 0)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(timeout).await.unwrap();
}

fn init() {
    let _ = any_spawner::Executor::init_wasm_bindgen();
}

#[wasm_bindgen_test]
async fn a_job_runs_reports_and_finishes() {
    init();
    let jobs = Jobs::<u32>::new(usize::MAX);
    let started = Started::default();
    start(jobs, "w1", &started);
    assert_eq!(jobs.state("w1"), Some(JobState::Running(0)));
    let (ticket, dropped) = started.borrow()[0].clone();
    ticket.progress(40);
    assert_eq!(jobs.state("w1"), Some(JobState::Running(40)));
    ticket.finish();
    assert_eq!(jobs.state("w1"), None);
    assert!(!ticket.is_current());
    // The handle goes only after the handler that finished has returned.
    assert!(!dropped.get());
    settle().await;
    assert!(dropped.get());
}

#[wasm_bindgen_test]
async fn a_restarted_key_makes_the_old_ticket_stale() {
    init();
    let jobs = Jobs::<u32>::new(usize::MAX);
    let started = Started::default();
    start(jobs, "w1", &started);
    start(jobs, "w1", &started);
    let (old, old_dropped) = started.borrow()[0].clone();
    let (new, _) = started.borrow()[1].clone();
    assert!(old_dropped.get(), "the replaced job's worker stops at once");
    assert!(!old.is_current() && new.is_current());
    // A late message of the old job changes nothing.
    old.progress(99);
    old.fail("late".into());
    old.finish();
    assert_eq!(jobs.state("w1"), Some(JobState::Running(0)));
    new.fail("broken".into());
    assert_eq!(jobs.state("w1"), Some(JobState::Failed("broken".into())));
}

#[wasm_bindgen_test]
async fn cancel_and_stop_end_the_job_and_its_ticket() {
    init();
    let jobs = Jobs::<u32>::new(usize::MAX);
    let started = Started::default();
    start(jobs, "a", &started);
    start(jobs, "b", &started);
    jobs.cancel("a");
    jobs.stop("b");
    let s = started.borrow();
    assert_eq!(jobs.state("a"), Some(JobState::Cancelled));
    assert_eq!(jobs.state("b"), None);
    assert!(s[0].1.get() && s[1].1.get());
    assert!(!s[0].0.is_current() && !s[1].0.is_current());
    s[0].0.progress(5);
    assert_eq!(jobs.state("a"), Some(JobState::Cancelled));
}

#[wasm_bindgen_test]
async fn a_full_pool_queues_and_starts_the_next_when_one_ends() {
    init();
    let jobs = Jobs::<u32>::new(1);
    let started = Started::default();
    start(jobs, "a", &started);
    start(jobs, "b", &started);
    assert_eq!(jobs.state("b"), Some(JobState::Queued));
    assert_eq!(started.borrow().len(), 1, "b waits for a free place");
    assert!(jobs.is_active("b"));
    let (a, _) = started.borrow()[0].clone();
    a.finish();
    settle().await;
    assert_eq!(started.borrow().len(), 2);
    assert_eq!(jobs.state("b"), Some(JobState::Running(0)));
    // A queued job that is stopped never starts.
    start(jobs, "c", &started);
    jobs.stop("c");
    let (b, _) = started.borrow()[1].clone();
    b.finish();
    settle().await;
    assert_eq!(started.borrow().len(), 2);
    assert_eq!(jobs.state("c"), None);
}

#[wasm_bindgen_test]
async fn a_job_that_cannot_start_says_why_or_leaves_no_trace() {
    init();
    let jobs = Jobs::<u32>::new(usize::MAX);
    jobs.start("x", 0, |_| Err("no worker".into()));
    assert_eq!(jobs.state("x"), Some(JobState::Failed("no worker".into())));
    jobs.start("y", 0, |_| Ok(None));
    assert_eq!(jobs.state("y"), None);
    assert!(!jobs.is_active("y"));
}
