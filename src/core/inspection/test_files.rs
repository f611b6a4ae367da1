//! Small MP4 files built box by box for unit tests, so the parsers are tested without
//! ffmpeg and on exactly the case at hand.

use super::boxes::test_box as bx;

/// A full box: version, zero flags, then `fields`.
pub(crate) fn full(kind: &[u8; 4], version: u8, fields: &[u8]) -> Vec<u8> {
    let mut b = vec![version, 0, 0, 0];
    b.extend_from_slice(fields);
    bx(kind, &b)
}

/// Versions of the boxes of a one-track movie built by `movie`.
#[derive(Clone, Copy)]
pub(crate) struct Versions {
    /// Of the `mvhd`.
    pub(crate) mvhd: u8,
    /// Of the track's `tkhd`.
    pub(crate) tkhd: u8,
    /// Of the track's `mdhd`.
    pub(crate) mdhd: u8,
    /// Of the track's `elst`.
    pub(crate) elst: u8,
}

/// Every box at version 0.
pub(crate) const V0: Versions = Versions {
    mvhd: 0,
    tkhd: 0,
    mdhd: 0,
    elst: 0,
};

/// A minimal movie mp4parse accepts: 1000 units/s, one 1280×720 `hvc1` video track
/// (id 1, 90 000 units/s, 10 s of media, 25 frames/s) with a 2 s edit list.
pub(crate) fn movie(v: Versions) -> Vec<u8> {
    movie_with(v, &[])
}

/// `movie` with more boxes (`mvex` …) at the end of the `moov`.
pub(crate) fn movie_with(v: Versions, extra: &[u8]) -> Vec<u8> {
    let mut mvhd = vec![0; 8];
    mvhd.extend_from_slice(&1000u32.to_be_bytes());
    mvhd.extend_from_slice(&10_000u32.to_be_bytes());
    mvhd.extend_from_slice(&[0; 80]);
    let mut tkhd = vec![0; 8];
    tkhd.extend_from_slice(&1u32.to_be_bytes()); // track_ID
    tkhd.extend_from_slice(&[0; 4]);
    tkhd.extend_from_slice(&10_000u32.to_be_bytes());
    tkhd.extend_from_slice(&[0; 16]);
    for m in [0x10000u32, 0, 0, 0, 0x10000, 0, 0, 0, 0x4000_0000] {
        tkhd.extend_from_slice(&m.to_be_bytes());
    }
    tkhd.extend_from_slice(&(1280u32 << 16).to_be_bytes());
    tkhd.extend_from_slice(&(720u32 << 16).to_be_bytes());
    let mut elst = 1u32.to_be_bytes().to_vec();
    elst.extend_from_slice(&2000u32.to_be_bytes());
    elst.extend_from_slice(&0u32.to_be_bytes());
    elst.extend_from_slice(&[0, 1, 0, 0]);
    let mut mdhd = vec![0; 8];
    mdhd.extend_from_slice(&90_000u32.to_be_bytes());
    mdhd.extend_from_slice(&900_000u32.to_be_bytes());
    mdhd.extend_from_slice(&[0; 4]);
    let mut hdlr = vec![0; 4];
    hdlr.extend_from_slice(b"vide");
    hdlr.extend_from_slice(&[0; 13]);
    let mut entry = vec![0u8; 78];
    entry[7] = 1; // data_reference_index
    entry[24..28].copy_from_slice(&[0x05, 0x00, 0x02, 0xd0]);
    let mut stsd = 1u32.to_be_bytes().to_vec();
    stsd.extend(bx(b"hvc1", &entry));
    let mut stts = 1u32.to_be_bytes().to_vec();
    stts.extend_from_slice(&250u32.to_be_bytes());
    stts.extend_from_slice(&3600u32.to_be_bytes());
    let stbl = [
        full(b"stsd", 0, &stsd),
        full(b"stts", 0, &stts),
        full(b"stsc", 0, &[0, 0, 0, 0]),
        full(b"stsz", 0, &[0, 0, 0, 0, 0, 0, 0, 0]),
        full(b"stco", 0, &[0, 0, 0, 0]),
    ]
    .concat();
    let minf = bx(b"minf", &bx(b"stbl", &stbl));
    let mdia = bx(
        b"mdia",
        &[full(b"mdhd", v.mdhd, &mdhd), full(b"hdlr", 0, &hdlr), minf].concat(),
    );
    let trak = bx(
        b"trak",
        &[
            full(b"tkhd", v.tkhd, &tkhd),
            bx(b"edts", &full(b"elst", v.elst, &elst)),
            mdia,
        ]
        .concat(),
    );
    bx(
        b"moov",
        &[full(b"mvhd", v.mvhd, &mvhd), trak, extra.to_vec()].concat(),
    )
}

/// A fragmented file of the `movie` track: `ftyp`, a `moov` with `trex`, then `fragments`
/// × (`moof` + `mdat`), each fragment 2 samples of 3600 units and 100 bytes whose `trun`
/// data offset counts from the `moof` (default-base-is-moof, as ffmpeg writes). Returns the
/// file and where each `moof` ends.
pub(crate) fn fragmented(fragments: u32) -> (Vec<u8>, Vec<usize>) {
    // track 1, description 1, duration 3600, size 100, flags 0.
    let trex = full(
        b"trex",
        0,
        &[
            0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0x0e, 0x10, 0, 0, 0, 100, 0, 0, 0, 0,
        ],
    );
    let mut file = bx(b"ftyp", b"iso5\0\0\x02\0iso5iso6mp41");
    file.extend(movie_with(V0, &bx(b"mvex", &trex)));
    // As ffmpeg's empty_moov writes: no duration in mvhd/mdhd, and one edit for "the rest
    // of the media".
    set_u32(&mut file, b"mvhd", 16, 0);
    set_u32(&mut file, b"mdhd", 16, 0);
    set_u32(&mut file, b"elst", 8, 0);
    let mut moof_ends = Vec::new();
    for i in 0..fragments {
        let moof = |data_offset: u32| {
            // Version 0, flags default-base-is-moof, track 1.
            let tfhd = bx(b"tfhd", &[0, 0x02, 0, 0, 0, 0, 0, 1]);
            let tfdt = full(b"tfdt", 1, &u64::from(i * 7200).to_be_bytes());
            // Version 0, flags data offset + durations + sizes, 2 samples.
            let mut run = vec![0, 0, 0x03, 0x01, 0, 0, 0, 2];
            run.extend_from_slice(&data_offset.to_be_bytes());
            for _ in 0..2 {
                run.extend_from_slice(&3600u32.to_be_bytes());
                run.extend_from_slice(&100u32.to_be_bytes());
            }
            let traf = bx(b"traf", &[tfhd, tfdt, bx(b"trun", &run)].concat());
            bx(
                b"moof",
                &[full(b"mfhd", 0, &(i + 1).to_be_bytes()), traf].concat(),
            )
        };
        let size = moof(0).len() as u32;
        // The data starts right after the mdat header that follows the moof.
        file.extend(moof(size + 8));
        moof_ends.push(file.len());
        file.extend(bx(b"mdat", &[0x55; 200]));
    }
    (file, moof_ends)
}

/// Overwrites the u32 at `at` in the body of the first box of type `kind` in `file`.
pub(crate) fn set_u32(file: &mut [u8], kind: &[u8; 4], at: usize, value: u32) {
    let body = file
        .windows(4)
        .position(|w| w == kind)
        .expect("box present")
        + 4;
    file[body + at..body + at + 4].copy_from_slice(&value.to_be_bytes());
}
