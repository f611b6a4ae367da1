//! Movie fragments (`moof` → `traf` → `tfhd`/`tfdt`/`trun`): the timing of fragmented
//! files, and where each fragment's sample data ends, for the truncation check.
//!
//! mp4parse reads only the `moov` (and `mvex`/`mehd`), and `mehd` is optional — ffmpeg's
//! `empty_moov` output has none — so the duration of a fragmented file comes from here. The
//! boxes themselves are parsed in `boxes::{tfhd, tfdt, trun}`; a box of an unknown version
//! makes its track's fragment timing unknown instead of being misread.

use super::boxes::trun::Trun;
use super::boxes::{children, find, tfdt, tfhd, trex, trun, BoxError};
use super::parse::{Movie, TrackKind, Unsupported};
use super::walk::Layout;
use std::collections::BTreeMap;

/// Distinct sample durations kept per track; more means the rate is variable anyway.
const MAX_DISTINCT_DELTAS: usize = 64;

/// Sample timing of one track across all fragments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FragmentTrack {
    /// Samples.
    pub samples: u64,
    /// Sum of sample durations (track timescale).
    pub duration: u64,
    /// End of the last sample on the decode timeline (tfdt + durations).
    pub end_time: u64,
    /// Sum of sample sizes.
    pub bytes: u64,
    /// Sample duration → number of samples (at most `MAX_DISTINCT_DELTAS` entries).
    pub deltas: BTreeMap<u32, u64>,
    /// Whether more distinct durations were seen than kept.
    pub many_deltas: bool,
    /// Whether some of its timing could not be read (a `tfdt`/`trun` of unknown version, or
    /// sample durations whose only source was an unsupported `trex`), so the sums above
    /// fall short.
    pub unreadable: bool,
}

impl FragmentTrack {
    fn add_delta(&mut self, delta: u32, n: u64) {
        if n == 0 {
            return;
        }
        if self.deltas.len() < MAX_DISTINCT_DELTAS || self.deltas.contains_key(&delta) {
            let c = self.deltas.entry(delta).or_default();
            *c = c.saturating_add(n);
        } else {
            self.many_deltas = true;
        }
    }
}

/// Per-track fragment timing, keyed by track id, and the extent of the fragments' data.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fragments {
    /// Track id → timing.
    pub tracks: BTreeMap<u32, FragmentTrack>,
    /// Number of `moof` boxes read.
    pub moofs: u64,
    /// Whether some fragments were not read (size caps).
    pub incomplete: bool,
    /// End (file offset) of the furthest sample data a `trun` points to; past the file's
    /// end means the file is cut short, even when every box header looks whole.
    pub data_end: Option<u64>,
    /// Fragment boxes left out because their version is unknown.
    pub unsupported: Vec<Unsupported>,
    /// Whether some `traf` could not be given to a track (its `tfhd` version is unknown), so
    /// any track's fragment timing may fall short.
    pub unattributed: bool,
}

/// Records `err` in `list` when it is an unsupported version (once per kind of problem, not
/// once per fragment); returns whether it was. A short box is simply skipped.
fn refuse(list: &mut Vec<Unsupported>, err: BoxError, track: Option<TrackKind>) -> bool {
    let BoxError::UnsupportedVersion { kind, version } = err else {
        return false;
    };
    let u = Unsupported {
        track,
        kind,
        version,
    };
    if !list.contains(&u) {
        list.push(u);
    }
    true
}

/// Sums the sample timing and data extent of every `moof` the walk read.
pub fn scan(layout: &Layout, movie: &Movie) -> Fragments {
    let mut out = Fragments {
        incomplete: layout.moofs_skipped,
        ..Fragments::default()
    };
    for moof in &layout.moofs {
        scan_moof(moof.offset, &moof.body, movie, &mut out);
        out.moofs += 1;
    }
    out
}

/// Adds the samples of one `moof` body, whose box starts at file offset `offset`, to `out`.
pub fn scan_moof(offset: u64, moof: &[u8], movie: &Movie, out: &mut Fragments) {
    // A refused trex leaves its track's defaults unknown; which track it was for is unknown
    // too, so a default missing elsewhere cannot be taken as 0 then.
    let trex_complete = !movie.unsupported.iter().any(|u| u.kind == trex::KIND);
    // §8.8.7: without base-data-offset-present or default-base-is-moof, the first traf's
    // data is based at the moof's first byte, and each later one's where the previous ends.
    let mut prev_end = Some(offset);
    for traf in children(moof).filter(|c| c.kind == b"traf") {
        let h = match find(traf.body, b"tfhd").map(|c| tfhd::parse(c.body)) {
            Some(Ok(h)) => h,
            Some(Err(e)) => {
                out.unattributed |= refuse(&mut out.unsupported, e, None);
                prev_end = None;
                continue;
            }
            None => {
                prev_end = None;
                continue;
            }
        };
        let kind = movie
            .tracks
            .iter()
            .find(|t| t.track_id == h.track_id)
            .map(|t| t.kind);
        let trex = movie.trex.iter().find(|t| t.track_id == h.track_id);
        let fallback = trex_complete.then_some(0);
        let def_dur = h.duration.or(trex.map(|t| t.duration)).or(fallback);
        let def_size = h.size.or(trex.map(|t| t.size)).or(fallback);
        let base = h
            .base_data_offset
            .or(h.default_base_is_moof.then_some(offset))
            .or(prev_end);
        let t = out.tracks.entry(h.track_id).or_default();
        let base_time = match find(traf.body, b"tfdt").map(|c| tfdt::parse(c.body)) {
            Some(Ok(time)) => Some(time),
            Some(Err(e)) => {
                t.unreadable |= refuse(&mut out.unsupported, e, kind);
                None
            }
            None => None,
        };
        // Without tfdt the fragment follows the previous one.
        let mut time = base_time.unwrap_or(t.end_time);
        // Where the next run without a data offset starts: right after the previous run.
        let mut run_end = base;
        for c in children(traf.body).filter(|c| c.kind == b"trun") {
            let run = match trun::parse(c.body) {
                Ok(run) => run,
                Err(e) => {
                    t.unreadable |= refuse(&mut out.unsupported, e, kind);
                    run_end = None;
                    continue;
                }
            };
            let start = match run.data_offset {
                Some(o) => base.and_then(|b| b.checked_add_signed(i64::from(o))),
                None => run_end,
            };
            let (duration, bytes) = add_run(&run, def_dur, def_size, t);
            time = time.saturating_add(duration.unwrap_or(0));
            run_end = start.zip(bytes).map(|(s, b)| s.saturating_add(b));
            if run_end > out.data_end {
                out.data_end = run_end;
            }
        }
        t.end_time = t.end_time.max(time);
        prev_end = run_end;
    }
}

/// Adds a run's samples to `t` and returns its total duration and size, each `None` when
/// unknown (no per-sample values and no default). The sample count is untrusted: with a
/// per-sample table the loop stops at the end of the data; without, the totals are
/// computed rather than looped, so a lying count cannot make this slow.
fn add_run(
    run: &Trun<'_>,
    def_dur: Option<u32>,
    def_size: Option<u32>,
    t: &mut FragmentTrack,
) -> (Option<u64>, Option<u64>) {
    let dur_known = run.has_durations() || def_dur.is_some();
    let size_known = run.has_sizes() || def_size.is_some();
    let (dd, ds) = (def_dur.unwrap_or(0), def_size.unwrap_or(0));
    let (mut n, mut duration, mut bytes) = (0u64, 0u64, 0u64);
    if run.entry_len() == 0 {
        n = u64::from(run.sample_count);
        // Both factors fit in 32 bits, so the products fit in 64.
        duration = n * u64::from(dd);
        bytes = n * u64::from(ds);
        if dur_known {
            t.add_delta(dd, n);
        }
    } else {
        for (d, s) in run.samples(dd, ds) {
            n += 1;
            duration = duration.saturating_add(u64::from(d));
            bytes = bytes.saturating_add(u64::from(s));
            if dur_known {
                t.add_delta(d, 1);
            }
        }
    }
    t.samples = t.samples.saturating_add(n);
    if dur_known {
        t.duration = t.duration.saturating_add(duration);
    } else {
        t.unreadable = true;
    }
    if size_known {
        t.bytes = t.bytes.saturating_add(bytes);
    }
    (dur_known.then_some(duration), size_known.then_some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::inspection::boxes::test_box as bx;
    use crate::core::inspection::boxes::trex::Trex;
    use crate::core::inspection::boxes::FourCc;

    fn scan_one(offset: u64, moof: &[u8], movie: &Movie) -> Fragments {
        let mut out = Fragments::default();
        scan_moof(offset, moof, movie, &mut out);
        out
    }

    /// A `trun` with data offset `offset` and one size per sample.
    fn trun_sizes(version: u8, offset: i32, sizes: &[u32]) -> Vec<u8> {
        let mut b = vec![version, 0, 2, 1];
        b.extend_from_slice(&(sizes.len() as u32).to_be_bytes());
        b.extend_from_slice(&offset.to_be_bytes());
        for s in sizes {
            b.extend_from_slice(&s.to_be_bytes());
        }
        bx(b"trun", &b)
    }

    /// A `tfhd` for `track` with default duration 512 and the given extra flags/fields.
    fn tfhd(track: u32, flags: u32, base: Option<u64>) -> Vec<u8> {
        let flags = flags | 0x8 | if base.is_some() { 0x1 } else { 0 };
        let mut b = flags.to_be_bytes().to_vec();
        b.extend_from_slice(&track.to_be_bytes());
        if let Some(base) = base {
            b.extend_from_slice(&base.to_be_bytes());
        }
        b.extend_from_slice(&512u32.to_be_bytes());
        bx(b"tfhd", &b)
    }

    #[test]
    fn sums_trun_samples_with_defaults_and_tfdt() {
        // tfhd: flags 0x8 (default duration 512), track 1.
        let tfhd = bx(b"tfhd", &[0, 0, 0, 8, 0, 0, 0, 1, 0, 0, 2, 0]);
        let tfdt = bx(b"tfdt", &[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0]);
        // trun: flags 0x200 (sizes), 3 samples.
        let trun = bx(
            b"trun",
            &[
                0, 0, 2, 0, 0, 0, 0, 3, 0, 0, 0, 10, 0, 0, 0, 20, 0, 0, 0, 30,
            ],
        );
        let traf = bx(b"traf", &[tfhd, tfdt, trun].concat());
        let out = scan_one(0, &traf, &Movie::default());
        let t = &out.tracks[&1];
        assert_eq!((t.samples, t.duration, t.bytes), (3, 1536, 60));
        assert_eq!(t.end_time, 0x1000 + 1536);
        assert_eq!(t.deltas.iter().collect::<Vec<_>>(), vec![(&512, &3)]);
        assert!(!t.unreadable);
        // No data offset and no base flags: the data starts at the moof.
        assert_eq!(out.data_end, Some(60));
    }

    #[test]
    fn lying_sample_counts_stop_at_the_data() {
        let tfhd = bx(b"tfhd", &[0, 0, 0, 0, 0, 0, 0, 7]);
        let trun = bx(b"trun", &[0, 0, 1, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 40]);
        let traf = bx(b"traf", &[tfhd, trun].concat());
        let movie = Movie {
            trex: vec![Trex {
                track_id: 7,
                duration: 1,
                size: 1,
            }],
            ..Movie::default()
        };
        let out = scan_one(0, &traf, &movie);
        assert_eq!(out.tracks[&7].samples, 1);
        assert_eq!(out.tracks[&7].duration, 40);
        assert_eq!(out.data_end, Some(1));
    }

    #[test]
    fn data_ends_follow_the_base_rules_of_8_8_7() {
        // default-base-is-moof: offsets count from the moof's first byte (at 1000).
        let moof = bx(
            b"traf",
            &[tfhd(1, 0x2_0000, None), trun_sizes(0, 100, &[10, 20])].concat(),
        );
        assert_eq!(
            scan_one(1000, &moof, &Movie::default()).data_end,
            Some(1130)
        );
        // base-data-offset: absolute; a run without offset follows the previous run.
        let no_offset = bx(b"trun", &[0, 0, 2, 0, 0, 0, 0, 1, 0, 0, 0, 5]);
        let moof = bx(
            b"traf",
            &[tfhd(1, 0, Some(50_000)), trun_sizes(1, 8, &[10]), no_offset].concat(),
        );
        assert_eq!(
            scan_one(1000, &moof, &Movie::default()).data_end,
            Some(50_023)
        );
        // Neither: the first traf is based at the moof, the second where the first ends.
        let moof = [
            bx(
                b"traf",
                &[tfhd(1, 0, None), trun_sizes(0, 200, &[30])].concat(),
            ),
            bx(
                b"traf",
                &[
                    tfhd(2, 0, None),
                    bx(b"trun", &[0, 0, 2, 0, 0, 0, 0, 1, 0, 0, 0, 7]),
                ]
                .concat(),
            ),
        ]
        .concat();
        let out = scan_one(1000, &moof, &Movie::default());
        assert_eq!(out.data_end, Some(1000 + 200 + 30 + 7));
        assert_eq!(out.tracks.len(), 2);
        // A negative offset before the start of the file is unknown, not a wrap-around.
        let moof = bx(
            b"traf",
            &[tfhd(1, 0x2_0000, None), trun_sizes(0, -2000, &[10])].concat(),
        );
        assert_eq!(scan_one(1000, &moof, &Movie::default()).data_end, None);
    }

    #[test]
    fn unknown_versions_make_timing_unknown_not_misread() {
        let unsupported = |kind: &[u8; 4], version| Unsupported {
            track: None,
            kind: FourCc(*kind),
            version,
        };
        // trun v2: its samples are not counted, nor its data.
        let moof = bx(
            b"traf",
            &[tfhd(1, 0x2_0000, None), trun_sizes(2, 100, &[10, 20])].concat(),
        );
        let out = scan_one(0, &moof, &Movie::default());
        assert_eq!(out.unsupported, [unsupported(b"trun", 2)]);
        let t = &out.tracks[&1];
        assert!(t.unreadable);
        assert_eq!((t.samples, t.duration, out.data_end), (0, 0, None));

        // tfdt v2: the base time is not read as a version 0 or 1 value.
        let tfdt = bx(b"tfdt", &[2, 0, 0, 0, 0, 0, 0x10, 0]);
        let moof = bx(
            b"traf",
            &[tfhd(1, 0x2_0000, None), tfdt, trun_sizes(0, 100, &[10])].concat(),
        );
        let out = scan_one(0, &moof, &Movie::default());
        assert_eq!(out.unsupported, [unsupported(b"tfdt", 2)]);
        assert!(out.tracks[&1].unreadable);
        assert_eq!(out.tracks[&1].end_time, 512);

        // tfhd v1: the traf belongs to an unknown track.
        let mut bad = tfhd(1, 0, None);
        bad[8] = 1;
        let moof = bx(b"traf", &[bad, trun_sizes(0, 100, &[10])].concat());
        let out = scan_one(0, &moof, &Movie::default());
        assert!(out.unattributed && out.tracks.is_empty());
        assert_eq!(out.unsupported, [unsupported(b"tfhd", 1)]);

        // An unsupported trex leaves a missing default unknown rather than 0.
        let movie = Movie {
            unsupported: vec![unsupported(b"trex", 1)],
            ..Movie::default()
        };
        let tfhd0 = bx(b"tfhd", &[0, 0, 0, 0, 0, 0, 0, 3]);
        let moof = bx(
            b"traf",
            &[tfhd0, bx(b"trun", &[0, 0, 0, 0, 0, 0, 0, 4])].concat(),
        );
        let out = scan_one(0, &moof, &movie);
        let t = &out.tracks[&3];
        assert!(t.unreadable);
        assert_eq!((t.samples, out.data_end), (4, None));
    }
}
