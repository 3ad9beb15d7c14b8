;; Kernels that work in place on tfjs-wasm's own heap (the memory is imported), with 128-bit SIMD.
;; Arguments are byte offsets into that memory and element counts. Assembled into
;; heap-kernels-binary.ts by scripts/assemble-heap-kernels.mjs.
;;
;; adam: one Adam step in one pass over the parameter:
;;
;;   m' = β1·m + c1·g        v' = β2·v + c2·g²        p' = p − k·m' / (√v' + e)
;;
;; with c1 = 1 − β1, c2 = 1 − β2, k = stepSize·√(1 − β2ᵗ), e = ε·√(1 − β2ᵗ) (computed by the
;; caller in double precision). The last n mod 4 elements take the scalar loop.
;;
;; transpose: dst[j][i] = src[i][j] for a rows × cols float32 matrix. When both sides are multiples
;; of 4, 4×4 tiles are transposed in registers (4 loads, 8 shuffles, 4 stores). The tiles are walked
;; in column blocks of 8, each block down every band of 4 src rows, so that only 8 dst rows are
;; being filled at once: dst rows lie `rows`·4 bytes apart, a power of two in every U-Net, and with
;; more of them in flight they all fall in the same cache set and evict each other (a 2048 × 128
;; transpose took 0.61 ms walking whole bands, 0.065 ms in blocks of 8). Otherwise an element loop.
(module
  (import "tfjs" "memory" (memory $heap 1 __MAX_PAGES__ __SHARED__))
  (func (export "adam")
    (param $p i32) (param $g i32) (param $m i32) (param $v i32)
    (param $po i32) (param $mo i32) (param $vo i32) (param $n i32)
    (param $beta1 f32) (param $c1 f32) (param $beta2 f32) (param $c2 f32) (param $k f32) (param $e f32)
    (local $i i32) (local $vectorEnd i32) (local $end i32)
    (local $b1x4 v128) (local $c1x4 v128) (local $b2x4 v128) (local $c2x4 v128) (local $kx4 v128) (local $ex4 v128)
    (local $gx4 v128) (local $m1x4 v128) (local $v1x4 v128)
    (local $gs f32) (local $m1s f32) (local $v1s f32)
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $vectorEnd (i32.and (local.get $end) (i32.const -16)))
    (local.set $b1x4 (f32x4.splat (local.get $beta1)))
    (local.set $c1x4 (f32x4.splat (local.get $c1)))
    (local.set $b2x4 (f32x4.splat (local.get $beta2)))
    (local.set $c2x4 (f32x4.splat (local.get $c2)))
    (local.set $kx4 (f32x4.splat (local.get $k)))
    (local.set $ex4 (f32x4.splat (local.get $e)))
    (block $vectorsDone
      (loop $vectors
        (br_if $vectorsDone (i32.ge_u (local.get $i) (local.get $vectorEnd)))
        (local.set $gx4 (v128.load (i32.add (local.get $g) (local.get $i))))
        (local.set $m1x4
          (f32x4.add
            (f32x4.mul (local.get $b1x4) (v128.load (i32.add (local.get $m) (local.get $i))))
            (f32x4.mul (local.get $c1x4) (local.get $gx4))))
        (local.set $v1x4
          (f32x4.add
            (f32x4.mul (local.get $b2x4) (v128.load (i32.add (local.get $v) (local.get $i))))
            (f32x4.mul (local.get $c2x4) (f32x4.mul (local.get $gx4) (local.get $gx4)))))
        (v128.store (i32.add (local.get $mo) (local.get $i)) (local.get $m1x4))
        (v128.store (i32.add (local.get $vo) (local.get $i)) (local.get $v1x4))
        (v128.store (i32.add (local.get $po) (local.get $i))
          (f32x4.sub
            (v128.load (i32.add (local.get $p) (local.get $i)))
            (f32x4.div
              (f32x4.mul (local.get $kx4) (local.get $m1x4))
              (f32x4.add (f32x4.sqrt (local.get $v1x4)) (local.get $ex4)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vectors)))
    (block $scalarsDone
      (loop $scalars
        (br_if $scalarsDone (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $gs (f32.load (i32.add (local.get $g) (local.get $i))))
        (local.set $m1s
          (f32.add
            (f32.mul (local.get $beta1) (f32.load (i32.add (local.get $m) (local.get $i))))
            (f32.mul (local.get $c1) (local.get $gs))))
        (local.set $v1s
          (f32.add
            (f32.mul (local.get $beta2) (f32.load (i32.add (local.get $v) (local.get $i))))
            (f32.mul (local.get $c2) (f32.mul (local.get $gs) (local.get $gs)))))
        (f32.store (i32.add (local.get $mo) (local.get $i)) (local.get $m1s))
        (f32.store (i32.add (local.get $vo) (local.get $i)) (local.get $v1s))
        (f32.store (i32.add (local.get $po) (local.get $i))
          (f32.sub
            (f32.load (i32.add (local.get $p) (local.get $i)))
            (f32.div
              (f32.mul (local.get $k) (local.get $m1s))
              (f32.add (f32.sqrt (local.get $v1s)) (local.get $e)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $scalars))))
  (func (export "transpose") (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (local $i i32) (local $j i32) (local $jb i32) (local $jEnd i32) (local $srcRow i32) (local $rowBytes i32) (local $colBytes i32) (local $at i32) (local $to i32)
    (local $a v128) (local $b v128) (local $c v128) (local $d v128) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $colBytes (i32.shl (local.get $rows) (i32.const 2)))
    (if (i32.eqz (i32.and (i32.or (local.get $rows) (local.get $cols)) (i32.const 3)))
      (then
        ;; Column blocks of 8 (the dst rows written at once), each walked down every band of 4 src rows.
        (block $blocksDone
          (loop $blocks
            (br_if $blocksDone (i32.ge_u (local.get $jb) (local.get $cols)))
            (local.set $jEnd (i32.add (local.get $jb) (i32.const 8)))
            (if (i32.gt_u (local.get $jEnd) (local.get $cols)) (then (local.set $jEnd (local.get $cols))))
            (local.set $i (i32.const 0))
            (block $bandsDone
              (loop $bands
                (br_if $bandsDone (i32.ge_u (local.get $i) (local.get $rows)))
                (local.set $srcRow (i32.add (local.get $src) (i32.mul (local.get $i) (local.get $rowBytes))))
                (local.set $j (local.get $jb))
                (block $tilesDone
                  (loop $tiles
                    (br_if $tilesDone (i32.ge_u (local.get $j) (local.get $jEnd)))
                    ;; rows i..i+3, columns j..j+3 of src
                    (local.set $at (i32.add (local.get $srcRow) (i32.shl (local.get $j) (i32.const 2))))
                    (local.set $a (v128.load (local.get $at)))
                    (local.set $b (v128.load (i32.add (local.get $at) (local.get $rowBytes))))
                    (local.set $c (v128.load (i32.add (local.get $at) (i32.shl (local.get $rowBytes) (i32.const 1)))))
                    (local.set $d (v128.load (i32.add (local.get $at) (i32.mul (local.get $rowBytes) (i32.const 3)))))
                    ;; t0 = a0 b0 a1 b1, t1 = a2 b2 a3 b3, t2 = c0 d0 c1 d1, t3 = c2 d2 c3 d3
                    (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a) (local.get $b)))
                    (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a) (local.get $b)))
                    (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $c) (local.get $d)))
                    (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $c) (local.get $d)))
                    ;; rows j..j+3 of dst, columns i..i+3: column k of the tile is (a_k b_k c_k d_k)
                    (local.set $to (i32.add (i32.add (local.get $dst) (i32.mul (local.get $j) (local.get $colBytes))) (i32.shl (local.get $i) (i32.const 2))))
                    (v128.store (local.get $to) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
                    (v128.store (i32.add (local.get $to) (local.get $colBytes)) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
                    (v128.store (i32.add (local.get $to) (i32.shl (local.get $colBytes) (i32.const 1))) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
                    (v128.store (i32.add (local.get $to) (i32.mul (local.get $colBytes) (i32.const 3))) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
                    (local.set $j (i32.add (local.get $j) (i32.const 4)))
                    (br $tiles)))
                (local.set $i (i32.add (local.get $i) (i32.const 4)))
                (br $bands)))
            (local.set $jb (local.get $jEnd))
            (br $blocks))))
      (else
        (block $rowsDone
          (loop $eachRow
            (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $rows)))
            (local.set $at (i32.add (local.get $src) (i32.mul (local.get $i) (local.get $rowBytes))))
            (local.set $to (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 2))))
            (local.set $j (i32.const 0))
            (block $colsDone
              (loop $eachCol
                (br_if $colsDone (i32.ge_u (local.get $j) (local.get $cols)))
                (f32.store (local.get $to) (f32.load (local.get $at)))
                (local.set $at (i32.add (local.get $at) (i32.const 4)))
                (local.set $to (i32.add (local.get $to) (local.get $colBytes)))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $eachCol)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $eachRow)))))))
