package org.multilevel.lmm.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The symbolic analysis of the penalized system, done once per model: a node is one level of one grouping
 * factor (its q random effects), and one last node holds the fixed effects and the response. The random
 * nodes are put in a fill-reducing order ({@link MinimumDegree}), the elimination tree is post-ordered, and
 * chains of nodes whose factor columns share one pattern form supernodes (dense column blocks). The work and
 * memory of the numeric factorization follow from this, before any of it is done.
 */
final class SparseSymbolic {
    /** Node of factor k, level j: base[k] + j; the fixed node is {@code nodes - 1}. */
    final int[] base;
    final int nodes;
    /** position in the elimination order of each node, and the node at each position */
    final int[] pos;
    final int[] nodeAt;
    /** first scalar column of each position; scalarStart[nodes] is the order of the whole system */
    final int[] scalarStart;
    /** supernode s holds positions superStart[s] .. superStart[s+1]-1 */
    final int[] superStart;
    final int supers;
    /** scalar rows of each supernode's front: its own columns first, then the rows below, ascending */
    final int[][] rows;
    /** supernode s's parent (-1 for the root) and the local rows of s's update inside the parent's front */
    final int[] parent;
    final int[][] relative;
    /** children of each supernode, in order */
    final int[][] children;
    /** the supernode each position belongs to */
    final int[] superOf;
    final double flops;
    /** doubles held by the factor, and the largest number held at once by fronts and pending updates */
    final long factorDoubles;
    final long peakWorkDoubles;

    SparseSymbolic(Crossproducts cp) {
        int kk = cp.factorCount();
        base = new int[kk];
        int nr = 0;
        for (int k = 0; k < kk; k++) {
            base[k] = nr;
            nr += cp.m[k];
        }
        nodes = nr + 1;
        int fixed = nr;
        int[] weight = new int[nodes];
        for (int k = 0; k < kk; k++) Arrays.fill(weight, base[k], base[k] + cp.m[k], cp.q[k]);
        weight[fixed] = cp.width;
        // symmetric adjacency of the random nodes (levels sharing rows)
        int[] deg = new int[nr];
        for (int k = 0; k < kk; k++)
            for (int j = 0; j < cp.m[k]; j++)
                for (Crossproducts.Neighbor nb : cp.neighbors[k][j]) {
                    deg[base[k] + j]++;
                    deg[base[nb.factor()] + nb.level()]++;
                }
        int[] start = new int[nr + 1];
        for (int i = 0; i < nr; i++) start[i + 1] = start[i] + deg[i];
        int[] adj = new int[start[nr]];
        int[] fill = Arrays.copyOf(start, nr);
        for (int k = 0; k < kk; k++)
            for (int j = 0; j < cp.m[k]; j++)
                for (Crossproducts.Neighbor nb : cp.neighbors[k][j]) {
                    int a = base[k] + j;
                    int b = base[nb.factor()] + nb.level();
                    adj[fill[a]++] = b;
                    adj[fill[b]++] = a;
                }
        int[] order = MinimumDegree.order(nr, weight, start, adj);
        // elimination tree of the ordered pattern (Liu), the fixed node last and above every root
        int[] p0 = new int[nodes];
        for (int t = 0; t < nr; t++) p0[order[t]] = t;
        p0[fixed] = nr;
        int[] par = new int[nodes];
        int[] anc = new int[nodes];
        Arrays.fill(par, -1);
        Arrays.fill(anc, -1);
        for (int t = 0; t < nr; t++) {
            int v = order[t];
            for (int e = start[v]; e < start[v + 1]; e++) {
                int i = p0[adj[e]];
                if (i >= t) continue;
                while (anc[i] >= 0 && anc[i] != t) {
                    int nx = anc[i];
                    anc[i] = t;
                    i = nx;
                }
                if (anc[i] < 0) {
                    anc[i] = t;
                    par[i] = t;
                }
            }
        }
        for (int t = 0; t < nr; t++) if (par[t] < 0) par[t] = nr;
        // post-order (children in ascending order): same fill, and chains become contiguous
        int[] post = postorder(par, nodes);
        nodeAt = new int[nodes];
        pos = new int[nodes];
        for (int t = 0; t < nr; t++) nodeAt[t] = order[post[t]];
        nodeAt[nr] = fixed;
        for (int t = 0; t < nodes; t++) pos[nodeAt[t]] = t;
        int[] oldToNew = new int[nodes];
        for (int t = 0; t < nodes; t++) oldToNew[post[t]] = t;
        int[] parentPos = new int[nodes];
        for (int t = 0; t < nodes; t++) parentPos[t] = par[post[t]] < 0 ? -1 : oldToNew[par[post[t]]];
        scalarStart = new int[nodes + 1];
        for (int t = 0; t < nodes; t++) scalarStart[t + 1] = scalarStart[t] + weight[nodeAt[t]];
        // column patterns by positions, supernodes formed on the way
        int[] mark = new int[nodes];
        Arrays.fill(mark, -1);
        List<int[]> superRows = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        int[] childCount = new int[nodes];
        for (int t = 0; t < nodes; t++) if (parentPos[t] >= 0) childCount[parentPos[t]]++;
        // closed supernodes waiting for their parent position
        List<List<Integer>> waiting = new ArrayList<>(nodes);
        for (int t = 0; t < nodes; t++) waiting.add(null);
        int[] prevStruct = null;      // pattern below the previous position (positions > t-1)
        int curStart = 0;
        int[] buf = new int[nodes];
        for (int t = 0; t < nodes; t++) {
            int v = nodeAt[t];
            int len = 0;
            if (v != fixed) {
                for (int e = start[v]; e < start[v + 1]; e++) {
                    int u = pos[adj[e]];
                    if (u > t && mark[u] != t) {
                        mark[u] = t;
                        buf[len++] = u;
                    }
                }
                if (mark[nr] != t) {
                    mark[nr] = t;
                    buf[len++] = nr;
                }
            }
            boolean chain = t > 0 && parentPos[t - 1] == t;
            if (chain) {
                for (int u : prevStruct) {
                    if (u > t && mark[u] != t) {
                        mark[u] = t;
                        buf[len++] = u;
                    }
                }
            }
            List<Integer> kids = waiting.get(t);
            if (kids != null) {
                for (int s : kids) {
                    int[] r = superRows.get(s);
                    for (int u : r) {
                        if (u > t && mark[u] != t) {
                            mark[u] = t;
                            buf[len++] = u;
                        }
                    }
                }
            }
            int[] struct = Arrays.copyOf(buf, len);
            // t continues the supernode of t-1 when t-1's pattern is exactly {t} and t's pattern
            boolean join = chain && prevStruct.length == len + 1;
            if (t > 0 && !join) {
                superRows.add(closeRows(curStart, t, prevStruct));
                starts.add(curStart);
                int s = superRows.size() - 1;
                int pp = parentPos[t - 1];
                if (pp >= 0) {
                    if (waiting.get(pp) == null) waiting.set(pp, new ArrayList<>());
                    waiting.get(pp).add(s);
                }
                curStart = t;
            }
            prevStruct = struct;
        }
        superRows.add(closeRows(curStart, nodes, prevStruct));
        starts.add(curStart);
        supers = superRows.size();
        superStart = new int[supers + 1];
        for (int s = 0; s < supers; s++) superStart[s] = starts.get(s);
        superStart[supers] = nodes;
        superOf = new int[nodes];
        for (int s = 0; s < supers; s++) Arrays.fill(superOf, superStart[s], superStart[s + 1], s);
        // scalar rows, parents, relative indices, costs
        rows = new int[supers][];
        parent = new int[supers];
        relative = new int[supers][];
        int[][] nodeRows = superRows.toArray(new int[0][]);
        for (int s = 0; s < supers; s++) {
            int m = 0;
            for (int u : nodeRows[s]) m += scalarStart[u + 1] - scalarStart[u];
            int[] r = new int[m];
            int i = 0;
            for (int u : nodeRows[s])
                for (int c = scalarStart[u]; c < scalarStart[u + 1]; c++) r[i++] = c;
            rows[s] = r;
        }
        int[] localOf = new int[scalarStart[nodes]];
        List<List<Integer>> kidLists = new ArrayList<>(supers);
        for (int s = 0; s < supers; s++) kidLists.add(new ArrayList<>());
        double fl = 0;
        long fd = 0;
        for (int s = 0; s < supers; s++) {
            int last = superStart[s + 1] - 1;
            int nc = scalarStart[last + 1] - scalarStart[superStart[s]];
            int m = rows[s].length;
            // multiply-adds: the diagonal block's Cholesky, the solve below it, the symmetric update
            fl += (double) nc * nc * nc / 6 + (double) (m - nc) * nc * nc / 2 + (double) (m - nc) * (m - nc) * nc / 2;
            fd += (long) m * nc;
            int pp = parentPos[last];
            parent[s] = pp < 0 ? -1 : superOf[pp];
            if (parent[s] >= 0) kidLists.get(parent[s]).add(s);
        }
        children = new int[supers][];
        for (int s = 0; s < supers; s++) children[s] = kidLists.get(s).stream().mapToInt(Integer::intValue).toArray();
        long live = 0;
        long peak = 0;
        for (int s = 0; s < supers; s++) {
            int[] r = rows[s];
            for (int i = 0; i < r.length; i++) localOf[r[i]] = i;
            int m = r.length;
            live += (long) m * m;
            for (int c : children[s]) {
                int[] rc = rows[c];
                int nc = rc.length - updateSize(c, rc);
                int[] rel = new int[rc.length - nc];
                for (int i = nc; i < rc.length; i++) rel[i - nc] = localOf[rc[i]];
                relative[c] = rel;
            }
            peak = Math.max(peak, live);
            for (int c : children[s]) live -= (long) relative[c].length * relative[c].length;
            int nc = columns(s);
            live -= (long) m * m;
            live += (long) (m - nc) * (m - nc);
        }
        flops = fl;
        factorDoubles = fd;
        peakWorkDoubles = peak;
    }

    private int updateSize(int s, int[] r) {
        return r.length - columns(s);
    }

    /** One line on the factor's shape, for benchmarks and diagnostics. */
    String describe() {
        int root = supers - 1;
        int maxM = 0;
        long front = 0;
        double rootFlops = 0;
        for (int[] r : rows) {
            maxM = Math.max(maxM, r.length);
            front += (long) r.length * r.length;
        }
        double nr = columns(root);
        rootFlops = nr * nr * nr / 6;
        return String.format(java.util.Locale.ROOT, "%d supernodes, root %d columns (%.3g multiply-adds), largest front %d rows, "
                + "front entries %,d, factor %,d entries, %.3g multiply-adds", supers, columns(root), rootFlops, maxM, front,
                factorDoubles, flops);
    }

    /** Scalar columns of supernode s. */
    int columns(int s) {
        return scalarStart[superStart[s + 1]] - scalarStart[superStart[s]];
    }

    /** The supernode's node rows: its positions from..to-1, then the pattern below, ascending. */
    private static int[] closeRows(int from, int to, int[] below) {
        int[] b = below.clone();
        Arrays.sort(b);
        int[] out = new int[to - from + b.length];
        for (int t = from; t < to; t++) out[t - from] = t;
        int k = to - from;
        for (int u : b) if (u >= to) out[k++] = u;
        return Arrays.copyOf(out, k);
    }

    /** Post-order of a forest given by parent pointers (-1 for roots); children visited in ascending order. */
    private static int[] postorder(int[] parent, int n) {
        int[] head = new int[n];
        int[] next = new int[n];
        Arrays.fill(head, -1);
        for (int j = n - 1; j >= 0; j--) {
            if (parent[j] < 0) continue;
            next[j] = head[parent[j]];
            head[parent[j]] = j;
        }
        int[] post = new int[n];
        int[] stack = new int[n];
        int k = 0;
        for (int root = 0; root < n; root++) {
            if (parent[root] >= 0) continue;
            int top = 0;
            stack[0] = root;
            while (top >= 0) {
                int p = stack[top];
                int c = head[p];
                if (c < 0) {
                    top--;
                    post[k++] = p;
                } else {
                    head[p] = next[c];
                    stack[++top] = c;
                }
            }
        }
        return post;
    }
}
