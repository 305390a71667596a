package org.multilevel.lmm.internal;

import java.util.Arrays;

/**
 * A fill-reducing elimination order of a symmetric pattern by approximate minimum degree on the quotient
 * graph (Amestoy, Davis and Duff's idea, written for this project): eliminated nodes become elements that
 * stand for the clique they leave behind, so the graph never grows; a node's degree is bounded by its
 * remaining plain neighbors plus, for each adjacent element, the part of that element outside the newest one.
 * Nodes carry weights (the number of random effects of a level), degrees are in weights. Once the node to
 * eliminate is adjacent to every remaining node, what is left is one clique and is ordered as it stands.
 */
final class MinimumDegree {
    private MinimumDegree() {
    }

    /**
     * @param n      number of nodes
     * @param weight weight of each node (at least 1)
     * @param start  CSR row starts of the symmetric adjacency (n + 1 entries; no self loops)
     * @param adj    CSR neighbor indices
     * @return the nodes in elimination order
     */
    static int[] order(int n, int[] weight, int[] start, int[] adj) {
        int[][] vars = new int[n][];        // plain neighbors still to be looked at
        int[] varLen = new int[n];
        int[][] elems = new int[n][];       // adjacent elements
        int[] elemLen = new int[n];
        int[][] members = new int[n][];     // an element's nodes (all still uneliminated while it lives)
        int[] elemWeight = new int[n];
        boolean[] eliminated = new boolean[n];
        boolean[] dead = new boolean[n];    // element absorbed into a newer one
        long total = 0;
        for (int i = 0; i < n; i++) {
            vars[i] = Arrays.copyOfRange(adj, start[i], start[i + 1]);
            varLen[i] = vars[i].length;
            elems[i] = new int[4];
            total += weight[i];
        }
        int maxDegree = (int) Math.min(Integer.MAX_VALUE - 1, total);
        Buckets buckets = new Buckets(n, maxDegree);
        for (int i = 0; i < n; i++) {
            long d = 0;
            for (int t = 0; t < varLen[i]; t++) d += weight[vars[i][t]];
            buckets.insert(i, (int) Math.min(d, maxDegree));
        }
        int[] mark = new int[n];
        int stamp = 0;
        int[] wE = new int[n];
        Arrays.fill(wE, -1);
        int[] touched = new int[n];
        int[] out = new int[n];
        int done = 0;
        long remaining = total;
        int[] lp = new int[n];
        while (done < n) {
            int p = buckets.popMin();
            stamp++;
            mark[p] = stamp;
            int len = 0;
            long lpWeight = 0;
            for (int t = 0; t < varLen[p]; t++) {
                int u = vars[p][t];
                if (!eliminated[u] && mark[u] != stamp) {
                    mark[u] = stamp;
                    lp[len++] = u;
                    lpWeight += weight[u];
                }
            }
            for (int t = 0; t < elemLen[p]; t++) {
                int e = elems[p][t];
                if (dead[e]) continue;
                for (int u : members[e]) {
                    if (!eliminated[u] && mark[u] != stamp) {
                        mark[u] = stamp;
                        lp[len++] = u;
                        lpWeight += weight[u];
                    }
                }
                dead[e] = true;
                members[e] = null;
            }
            eliminated[p] = true;
            vars[p] = null;
            elems[p] = null;
            out[done++] = p;
            remaining -= weight[p];
            if (lpWeight == remaining) {
                // every remaining node is in the new element: the rest is one clique, any order is as good
                for (int t = 0; t < len; t++) {
                    buckets.remove(lp[t]);
                    out[done++] = lp[t];
                }
                break;
            }
            int[] lpNodes = Arrays.copyOf(lp, len);
            members[p] = lpNodes;
            elemWeight[p] = (int) Math.min(Integer.MAX_VALUE, lpWeight);
            // each node of the new element: drop absorbed elements and covered plain neighbors, add p
            for (int i : lpNodes) {
                buckets.remove(i);
                int[] es = elems[i];
                int k = 0;
                for (int t = 0; t < elemLen[i]; t++) if (!dead[es[t]]) es[k++] = es[t];
                if (k == es.length) es = elems[i] = Arrays.copyOf(es, Math.max(4, 2 * k));
                es[k++] = p;
                elemLen[i] = k;
                int[] vs = vars[i];
                int m = 0;
                for (int t = 0; t < varLen[i]; t++) {
                    int u = vs[t];
                    if (!eliminated[u] && mark[u] != stamp) vs[m++] = u;
                }
                varLen[i] = m;
            }
            // |L_e \ L_p| for every older element e next to the new one
            int nt = 0;
            for (int i : lpNodes) {
                int[] es = elems[i];
                for (int t = 0; t < elemLen[i]; t++) {
                    int e = es[t];
                    if (e == p) continue;
                    if (wE[e] < 0) {
                        wE[e] = elemWeight[e];
                        touched[nt++] = e;
                    }
                    wE[e] -= weight[i];
                }
            }
            for (int i : lpNodes) {
                long d = lpWeight - weight[i];
                for (int t = 0; t < varLen[i]; t++) d += weight[vars[i][t]];
                int[] es = elems[i];
                int k = 0;
                for (int t = 0; t < elemLen[i]; t++) {
                    int e = es[t];
                    if (e != p && wE[e] == 0) dead[e] = true;   // inside the new element: absorbed
                    if (dead[e]) continue;
                    es[k++] = e;
                    if (e != p) d += wE[e];
                }
                elemLen[i] = k;
                d = Math.min(d, remaining - weight[i]);
                buckets.insert(i, (int) Math.min(d, maxDegree));
            }
            for (int t = 0; t < nt; t++) {
                int e = touched[t];
                wE[e] = -1;
                if (dead[e]) members[e] = null;
            }
        }
        return out;
    }

    /** Nodes in doubly linked lists by degree, with a pointer to the smallest non-empty degree. */
    private static final class Buckets {
        private final int[] head;
        private final int[] next;
        private final int[] prev;
        private final int[] degree;
        private int min;

        Buckets(int n, int maxDegree) {
            head = new int[maxDegree + 1];
            Arrays.fill(head, -1);
            next = new int[n];
            prev = new int[n];
            degree = new int[n];
            Arrays.fill(degree, -1);
            min = maxDegree + 1;
        }

        void insert(int i, int d) {
            degree[i] = d;
            prev[i] = -1;
            next[i] = head[d];
            if (head[d] >= 0) prev[head[d]] = i;
            head[d] = i;
            if (d < min) min = d;
        }

        void remove(int i) {
            int d = degree[i];
            if (d < 0) return;
            if (prev[i] >= 0) next[prev[i]] = next[i];
            else head[d] = next[i];
            if (next[i] >= 0) prev[next[i]] = prev[i];
            degree[i] = -1;
        }

        int popMin() {
            while (head[min] < 0) min++;
            int i = head[min];
            remove(i);
            return i;
        }
    }
}
