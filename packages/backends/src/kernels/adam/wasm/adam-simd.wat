;; One Adam step in one pass over the parameter, with 128-bit SIMD, on tfjs-wasm's own heap
;; (the memory is imported, so the tensors are read and written in place).
;;
;;   m' = β1·m + c1·g        v' = β2·v + c2·g²        p' = p − k·m' / (√v' + e)
;;
;; with c1 = 1 − β1, c2 = 1 − β2, k = stepSize·√(1 − β2ᵗ), e = ε·√(1 − β2ᵗ) (computed by the
;; caller in double precision). Arguments are byte offsets into the memory and the element count;
;; the last n mod 4 elements take the scalar loop. Assembled by scripts/assemble-adam-wasm.mjs.
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
        (br $scalars)))))
