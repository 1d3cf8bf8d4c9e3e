//! Property tests of `.npy` reading: arbitrary bytes and mutations of valid files give a
//! tensor or an error, never a panic; valid files round-trip.

use proptest::prelude::*;
use strata_interp::{DType, Tensor};

fn valid_file() -> Vec<u8> {
    Tensor::from_f64s(DType::I16, vec![2, 3], &[1.0, -2.0, 3.0, 4.0, 5.0, -6.0])
        .unwrap()
        .write_npy()
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let mut with_magic = b"\x93NUMPY\x01\x00".to_vec();
        with_magic.extend_from_slice(&bytes);
        let _ = Tensor::read_npy(&bytes);
        let _ = Tensor::read_npy(&with_magic);
    }

    #[test]
    fn mutated_files_never_panic(pos in 0usize..128, val in any::<u8>(), cut in 0usize..140) {
        let mut f = valid_file();
        let p = pos % f.len();
        f[p] = val;
        let _ = Tensor::read_npy(&f);
        f.truncate(cut.min(f.len()));
        let _ = Tensor::read_npy(&f);
    }

    #[test]
    fn round_trip(v in prop::collection::vec(any::<f32>(), 0..64), rows in 1usize..4) {
        let n = v.len() / rows * rows;
        let t = Tensor::from_vec(vec![rows, n / rows], v[..n].to_vec()).unwrap();
        let back = Tensor::read_npy(&t.write_npy().unwrap()).unwrap();
        // Compare bit patterns (NaN payloads included).
        let bits = |t: &Tensor| t.as_slice::<f32>().unwrap().iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        prop_assert_eq!(back.shape(), t.shape());
        prop_assert_eq!(bits(&back), bits(&t));
    }
}
