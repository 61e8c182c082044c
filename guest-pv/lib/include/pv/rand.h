/*
 * rand.h - a small deterministic pseudo-random generator (splitmix64).
 *
 * Tests that pick values at random must be replayable: the same seed gives
 * the same sequence on every run and every hypervisor.  One state word, no
 * locking: give each vCPU its own generator (prng_seed with a different
 * stream number) when several vCPUs draw numbers.
 */
#ifndef PV_RAND_H
#define PV_RAND_H

#include <pv/types.h>

struct prng
{
    uint64_t state;
};

/* Seed a generator; stream separates generators that share a seed. */
static inline void prng_seed(struct prng *r, uint64_t seed, uint64_t stream)
{
    r->state = seed ^ (stream * 0xd1342543de82ef95ULL);
}

static inline uint64_t prng_next(struct prng *r)
{
    uint64_t z = (r->state += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* A number in [0, n); n == 0 gives 0.  The slight bias is of no matter. */
static inline uint64_t prng_below(struct prng *r, uint64_t n)
{
    return n ? prng_next(r) % n : 0;
}

/* True with probability 1/n. */
static inline bool prng_one_in(struct prng *r, uint64_t n)
{
    return prng_below(r, n) == 0;
}

#endif /* PV_RAND_H */
