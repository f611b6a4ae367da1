//! Shared by the ZIP tests: virtual zero-filled videos need their CRC-32 without 4 GiB of bytes.

/// The CRC-32 of `n` zero bytes, by combining CRCs of 1 MiB blocks (log₂ n combines).
pub fn zeros_crc(n: u64) -> u32 {
    const BLOCK: u64 = 1 << 20;
    let zeros = vec![0u8; BLOCK as usize];
    let mut pow = crc32fast::Hasher::new();
    pow.update(&zeros);
    let mut acc = crc32fast::Hasher::new();
    let mut k = n / BLOCK;
    while k > 0 {
        if k & 1 == 1 {
            acc.combine(&pow);
        }
        let p = pow.clone();
        pow.combine(&p);
        k >>= 1;
    }
    let mut rest = crc32fast::Hasher::new();
    rest.update(&zeros[..(n % BLOCK) as usize]);
    acc.combine(&rest);
    acc.finalize()
}
