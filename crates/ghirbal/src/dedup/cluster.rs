//! Union-find over document indices (phase 2's reduce).
//!
//! Path halving keeps trees flat; a union makes the smaller of the two roots the new root, so the
//! root of a set is always its smallest index and the structure does not depend on the order in
//! which equal edge sets are applied.

/// Disjoint sets over `0..n`.
#[derive(Clone, Debug, Default)]
pub struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    /// `n` singleton sets.
    pub fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n as u32).collect(),
        }
    }

    /// Sets from an existing parent array: `parent[i]` must be an index `< parent.len()`; entries
    /// pointing outside are treated as roots. Cycles cannot occur because every set is re-rooted
    /// at its minimum on the first union that touches it, and `find` stops at fixed points only.
    pub fn from_parents(mut parent: Vec<u32>) -> Self {
        let n = parent.len() as u32;
        for (i, p) in parent.iter_mut().enumerate() {
            if *p >= n {
                *p = i as u32;
            }
        }
        let mut uf = UnionFind { parent };
        // Flatten and break any cycle a corrupted input could hold: a node whose walk revisits
        // itself becomes a root.
        for i in 0..uf.parent.len() {
            let mut x = i;
            let mut steps = 0usize;
            while uf.parent[x] as usize != x {
                x = uf.parent[x] as usize;
                steps += 1;
                if steps > uf.parent.len() {
                    uf.parent[i] = i as u32;
                    break;
                }
            }
        }
        uf
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.parent.len()
    }

    /// True when there are no elements.
    pub fn is_empty(&self) -> bool {
        self.parent.is_empty()
    }

    /// Adds one singleton set and returns its index.
    pub fn push(&mut self) -> u32 {
        let i = self.parent.len() as u32;
        self.parent.push(i);
        i
    }

    /// The representative of `x`'s set.
    pub fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            let gp = self.parent[p as usize];
            self.parent[x as usize] = gp;
            x = gp;
        }
        x
    }

    /// Merges the sets of `a` and `b`; returns true if they were different.
    pub fn union(&mut self, a: u32, b: u32) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[hi as usize] = lo;
        true
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.parent.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_find_roots_are_minimums() {
        let mut uf = UnionFind::new(6);
        assert!(uf.union(4, 2));
        assert!(uf.union(5, 4));
        assert!(!uf.union(2, 5));
        assert_eq!(uf.find(5), 2);
        assert!(uf.union(5, 0));
        assert_eq!(uf.find(4), 0);
        assert_eq!(uf.find(3), 3);
        assert_eq!(uf.push(), 6);
        assert_eq!(uf.len(), 7);
    }

    #[test]
    fn from_parents_repairs_bad_input() {
        let mut uf = UnionFind::from_parents(vec![1, 0, 9, 2]);
        // 0 <-> 1 cycle broken, 2 out of range becomes a root.
        let (r0, r1) = (uf.find(0), uf.find(1));
        assert!(r0 == r1 || r0 == 0 || r1 == 1);
        assert_eq!(uf.find(2), 2);
        assert_eq!(uf.find(3), 2);
    }
}
