//! Timing of movie fragments (`moof` → `traf` → `tfhd`/`tfdt`/`trun`), hand-parsed.
//!
//! mp4parse reads only the `moov` (and `mvex`/`mehd`), and `mehd` is optional — ffmpeg's
//! `empty_moov` output has none — so the duration of a fragmented file comes from here.

use super::boxes::{children, Reader};
use super::parse::Trex;
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

/// Per-track fragment timing, keyed by track id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fragments {
    /// Track id → timing.
    pub tracks: BTreeMap<u32, FragmentTrack>,
    /// Number of `moof` boxes read.
    pub moofs: u64,
    /// Whether some fragments were not read (size caps).
    pub incomplete: bool,
}

/// Sums the sample timing of every `moof` the walk read.
pub fn scan(layout: &Layout, trex: &[Trex]) -> Fragments {
    let mut out = Fragments {
        incomplete: layout.moofs_skipped,
        ..Fragments::default()
    };
    for body in &layout.moofs {
        scan_moof(body, trex, &mut out);
        out.moofs += 1;
    }
    out
}

/// Adds the samples of one `moof` body to `out`.
pub fn scan_moof(moof: &[u8], trex: &[Trex], out: &mut Fragments) {
    for traf in children(moof).filter(|c| c.kind == b"traf") {
        let mut track_id = None;
        let (mut def_dur, mut def_size) = (0u32, 0u32);
        let mut base_time = None;
        for c in children(traf.body) {
            match &c.kind.0 {
                b"tfhd" => {
                    let Some(h) = parse_tfhd(c.body) else {
                        continue;
                    };
                    let t = trex.iter().find(|t| t.track_id == h.track_id);
                    def_dur = h.duration.or(t.map(|t| t.duration)).unwrap_or(0);
                    def_size = h.size.or(t.map(|t| t.size)).unwrap_or(0);
                    track_id = Some(h.track_id);
                }
                b"tfdt" => {
                    let mut r = Reader::new(c.body);
                    base_time = r.version_flags().and_then(|(v, _)| r.u32_or_u64(v));
                }
                _ => {}
            }
        }
        let Some(id) = track_id else { continue };
        let t = out.tracks.entry(id).or_default();
        let t = &mut *t;
        // Without tfdt the fragment follows the previous one.
        let mut time = base_time.unwrap_or(t.end_time);
        for c in children(traf.body).filter(|c| c.kind == b"trun") {
            let run = trun(c.body, def_dur, def_size, t);
            time = time.saturating_add(run);
        }
        t.end_time = t.end_time.max(time);
    }
}

struct Tfhd {
    track_id: u32,
    duration: Option<u32>,
    size: Option<u32>,
}

fn parse_tfhd(body: &[u8]) -> Option<Tfhd> {
    let mut r = Reader::new(body);
    let (_, flags) = r.version_flags()?;
    let track_id = r.u32()?;
    if flags & 0x1 != 0 {
        r.u64()?; // base_data_offset
    }
    if flags & 0x2 != 0 {
        r.u32()?; // sample_description_index
    }
    let duration = if flags & 0x8 != 0 {
        Some(r.u32()?)
    } else {
        None
    };
    let size = if flags & 0x10 != 0 {
        Some(r.u32()?)
    } else {
        None
    };
    Some(Tfhd {
        track_id,
        duration,
        size,
    })
}

/// Adds a `trun`'s samples to `t` and returns its total duration. The sample count is
/// untrusted: with per-sample fields the loop stops at the end of the data; without, the
/// totals are computed rather than looped, so a lying count cannot make this slow.
fn trun(body: &[u8], def_dur: u32, def_size: u32, t: &mut FragmentTrack) -> u64 {
    let mut r = Reader::new(body);
    let Some((_, flags)) = r.version_flags() else {
        return 0;
    };
    let Some(count) = r.u32() else { return 0 };
    if flags & 0x1 != 0 && r.u32().is_none() {
        return 0; // data_offset
    }
    if flags & 0x4 != 0 && r.u32().is_none() {
        return 0; // first_sample_flags
    }
    let per_sample = [0x100, 0x200, 0x400, 0x800]
        .iter()
        .filter(|&&bit| flags & bit != 0)
        .count()
        * 4;
    if per_sample == 0 {
        let n = u64::from(count);
        let duration = n * u64::from(def_dur);
        t.samples = t.samples.saturating_add(n);
        t.duration = t.duration.saturating_add(duration);
        t.bytes = t.bytes.saturating_add(n * u64::from(def_size));
        t.add_delta(def_dur, n);
        return duration;
    }
    let mut total = 0u64;
    for _ in 0..count {
        if r.remaining() < per_sample {
            break;
        }
        let mut field = |bit: u32, default: u32| {
            if flags & bit != 0 {
                r.u32().unwrap_or(default)
            } else {
                default
            }
        };
        let dur = field(0x100, def_dur);
        let size = field(0x200, def_size);
        field(0x400, 0);
        field(0x800, 0);
        t.samples = t.samples.saturating_add(1);
        total = total.saturating_add(u64::from(dur));
        t.bytes = t.bytes.saturating_add(u64::from(size));
        t.add_delta(dur, 1);
    }
    t.duration = t.duration.saturating_add(total);
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::inspection::boxes::test_box as bx;

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
        let mut out = Fragments::default();
        scan_moof(&traf, &[], &mut out);
        let t = &out.tracks[&1];
        assert_eq!((t.samples, t.duration, t.bytes), (3, 1536, 60));
        assert_eq!(t.end_time, 0x1000 + 1536);
        assert_eq!(t.deltas.iter().collect::<Vec<_>>(), vec![(&512, &3)]);
    }

    #[test]
    fn lying_sample_counts_stop_at_the_data() {
        let tfhd = bx(b"tfhd", &[0, 0, 0, 0, 0, 0, 0, 7]);
        let trun = bx(b"trun", &[0, 0, 1, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 40]);
        let traf = bx(b"traf", &[tfhd, trun].concat());
        let mut out = Fragments::default();
        let trex = [Trex {
            track_id: 7,
            duration: 1,
            size: 1,
        }];
        scan_moof(&traf, &trex, &mut out);
        assert_eq!(out.tracks[&7].samples, 1);
        assert_eq!(out.tracks[&7].duration, 40);
    }
}
