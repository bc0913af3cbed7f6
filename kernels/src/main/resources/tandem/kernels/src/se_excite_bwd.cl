// se_excite_bwd: gradients of the per-class excitation (se_excite_fwd) with respect to z, w1, b1, w2, b2.
// z, w1, b1, w2, b2 as the forward; ds: (B, C, N) -> dw1: (C, H, N), db1: (C, H), dw2: (C, N, H), db2: (C, N); dz is
// se_excite_bwd_dz's. Scratch: hid (C, B, H) holds a = w1 z + b1, then da; du (C, B, N).
// One work-group per class (GROUP_ID(0)); the batch is looped inside, so the weight gradients, sums over the batch,
// have one writer each and need no atomics. With h = relu(a) and s recomputed:
//   du = ds s (1 - s);  db2 = sum_b du;  dw2 = du^T h;  da = (du w2) [a > 0];  db1 = sum_b da;  dw1 = da^T z
// Phase 1, one item per hidden unit: a. Phase 2, one item per output unit: s, du, db2 and its row of dw2.
// Phase 3, one item per hidden unit: da (over a in hid), db1 and its row of dw1. Barriers publish hid and du.
KERNEL void se_excite_bwd(int nb, int nc, int h, int n, GLOBAL const real* z, GLOBAL const real* w1,
                          GLOBAL const real* b1, GLOBAL const real* w2, GLOBAL const real* b2, GLOBAL const real* ds,
                          GLOBAL real* dw1, GLOBAL real* db1, GLOBAL real* dw2, GLOBAL real* db2,
                          GLOBAL real* hid, GLOBAL real* du) {
    int c = (int) GROUP_ID(0);
    int lid = LOCAL_ID(0), items = LOCAL_SIZE(0);
    GLOBAL real* hc = hid + (i64) c * nb * h;
    GLOBAL real* uc = du + (i64) c * nb * n;

    for (int u = lid; u < h; u += items) {
        GLOBAL const real* w1u = w1 + ((i64) c * h + u) * n;
        for (int b = 0; b < nb; b++) {
            acc a = b1[(i64) c * h + u];
            for (int e = 0; e < n; e++) a += (acc) w1u[e] * (acc) z[(i64) b * n + e];
            hc[(i64) b * h + u] = (real) a;
        }
    }
    BARRIER_GLOBAL();

    for (int e = lid; e < n; e += items) {
        GLOBAL const real* w2e = w2 + ((i64) c * n + e) * h;
        acc bias = 0;
        for (int b = 0; b < nb; b++) {
            acc pre = b2[(i64) c * n + e];
            for (int u = 0; u < h; u++) {
                acc a = hc[(i64) b * h + u];
                if (a > 0) pre += (acc) w2e[u] * a;
            }
            acc sg = (acc) 1 / ((acc) 1 + exp(-pre));
            acc g = (acc) ds[((i64) b * nc + c) * n + e] * sg * ((acc) 1 - sg);
            uc[(i64) b * n + e] = (real) g;
            bias += g;
        }
        db2[(i64) c * n + e] = (real) bias;
        for (int u = 0; u < h; u++) {
            acc g = 0;
            for (int b = 0; b < nb; b++) {
                acc a = hc[(i64) b * h + u];
                if (a > 0) g += (acc) uc[(i64) b * n + e] * a;
            }
            dw2[((i64) c * n + e) * h + u] = (real) g;
        }
    }
    BARRIER_GLOBAL();

    for (int u = lid; u < h; u += items) {
        acc bias = 0;
        for (int b = 0; b < nb; b++) {
            acc g = 0;
            if ((acc) hc[(i64) b * h + u] > 0) {
                for (int e = 0; e < n; e++) g += (acc) uc[(i64) b * n + e] * (acc) w2[((i64) c * n + e) * h + u];
            }
            hc[(i64) b * h + u] = (real) g;
            bias += g;
        }
        db1[(i64) c * h + u] = (real) bias;
        for (int e = 0; e < n; e++) {
            acc g = 0;
            for (int b = 0; b < nb; b++) g += (acc) hc[(i64) b * h + u] * (acc) z[(i64) b * n + e];
            dw1[((i64) c * h + u) * n + e] = (real) g;
        }
    }
}

// se_excite_bwd_dz: dz[b, e] = sum_c sum_u da[c, b, u] w1[c, u, e], from the da se_excite_bwd left in hid; one item
// per element of dz: (B, N).
KERNEL void se_excite_bwd_dz(int nb, int nc, int h, int n, GLOBAL const real* w1, GLOBAL const real* hid,
                             GLOBAL real* dz) {
    i64 i = GLOBAL_ID(0);
    if (i >= (i64) nb * n) return;
    int b = (int) (i / n), e = (int) (i % n);
    acc g = 0;
    for (int c = 0; c < nc; c++) {
        GLOBAL const real* da = hid + ((i64) c * nb + b) * h;
        for (int u = 0; u < h; u++) g += (acc) da[u] * (acc) w1[((i64) c * h + u) * n + e];
    }
    dz[i] = (real) g;
}
