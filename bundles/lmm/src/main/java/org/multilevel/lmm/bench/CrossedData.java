package org.multilevel.lmm.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Deterministic synthetic data of the crossed shapes the general estimator is measured on (the same seed
 * gives the same file on every machine). Each shape has a default size; {@code scale} multiplies the rows
 * and the numbers of levels together (so a small scale gives a small data set of the same structure).
 */
public enum CrossedData {
    /**
     * A partially crossed education panel (the shape of the Tennessee STAR data): 80 schools, about 1,300
     * teachers each in one school and one grade, about 10,700 students seen in one to four grades (K to 3),
     * a new teacher each grade, one in ten changing school; about 24,600 rows.
     */
    PANEL("math ~ grade + classtype + sex + ethnicity + (1 | student) + (1 | teacher) + (1 | school)"),
    /**
     * lme4's InstEval shape: about 2,970 students rate about 25 lectures each of 1,128 instructors in 14
     * departments (73,421 rows); ratings 1 to 5; service says whether the lecture was a service course.
     */
    INSTEVAL("y ~ 1 + service * dept + (1 | s) + (1 | d)"),
    /** A fully crossed experiment: 200 subjects each see all 400 items, a two-level condition x (80,000 rows). */
    SUBJECTS_ITEMS("y ~ x + (1 + x | subject) + (1 + x | item)"),
    /** One million rows of 20,000 users by 5,000 items, each row a random pair. */
    LARGE("y ~ x + (1 | user) + (1 | item)");

    public static final long SEED = 42L;
    private final String formula;

    CrossedData(String formula) {
        this.formula = formula;
    }

    public String formula() {
        return formula;
    }

    /** The name on the command line: lower case, '-' for '_'. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static CrossedData parse(String label) {
        for (CrossedData d : values()) if (d.label().equals(label)) return d;
        return null;
    }

    /** Writes the data as CSV; returns the number of rows written. */
    public int writeCsv(Path file, double scale) throws IOException {
        if (!(scale > 0) || scale > 100) throw new IllegalArgumentException("the scale must lie in (0, 100]");
        Random rnd = new Random(SEED);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            return switch (this) {
                case PANEL -> panel(out, rnd, scale);
                case INSTEVAL -> instEval(out, rnd, scale);
                case SUBJECTS_ITEMS -> subjectsItems(out, rnd, scale);
                case LARGE -> large(out, rnd, scale);
            };
        }
    }

    private static int atLeast(double v, int min) {
        return Math.max(min, (int) Math.round(v));
    }

    private static int panel(BufferedWriter out, Random rnd, double scale) throws IOException {
        int schools = atLeast(80 * scale, 3);
        int students = atLeast(10_700 * scale, 12);
        String[] grades = {"K", "G1", "G2", "G3"};
        String[] types = {"small", "regular", "aide"};
        String[] eth = {"white", "black", "other"};
        // teachers: per school and grade about four (1,300 in all at scale 1)
        int perSchoolGrade = 4;
        int[][][] teacher = new int[schools][grades.length][];
        int[] teacherType = new int[schools * grades.length * 6];
        double[] teacherEffect = new double[teacherType.length];
        int nt = 0;
        for (int s = 0; s < schools; s++)
            for (int g = 0; g < grades.length; g++) {
                int c = perSchoolGrade + rnd.nextInt(3) - 1 + (rnd.nextDouble() < 0.1 ? 1 : 0);
                teacher[s][g] = new int[c];
                for (int i = 0; i < c; i++) {
                    teacherType[nt] = rnd.nextInt(3);
                    teacherEffect[nt] = 12 * rnd.nextGaussian();
                    teacher[s][g][i] = nt++;
                }
            }
        double[] schoolEffect = new double[schools];
        for (int s = 0; s < schools; s++) schoolEffect[s] = 18 * rnd.nextGaussian();
        out.write("student,teacher,school,grade,classtype,sex,ethnicity,math\n");
        int rows = 0;
        StringBuilder sb = new StringBuilder(96);
        for (int st = 0; st < students; st++) {
            int school = rnd.nextInt(schools);
            // entry grade and years observed (about 2.3 rows per student)
            int first = rnd.nextDouble() < 0.55 ? 0 : 1 + rnd.nextInt(3);
            int years = Math.min(grades.length - first, 1 + (rnd.nextDouble() < 0.6 ? 1 : 0) + (rnd.nextDouble() < 0.35 ? 1 : 0)
                    + (rnd.nextDouble() < 0.2 ? 1 : 0));
            boolean male = rnd.nextBoolean();
            int e = rnd.nextDouble() < 0.66 ? 0 : rnd.nextDouble() < 0.95 ? 1 : 2;
            double u = 30 * rnd.nextGaussian();
            for (int g = first; g < first + years; g++) {
                if (g > first && rnd.nextDouble() < 0.1) school = rnd.nextInt(schools);
                int[] ts = teacher[school][g];
                int t = ts[rnd.nextInt(ts.length)];
                double y = 480 + 25 * g + (teacherType[t] == 0 ? 8 : teacherType[t] == 2 ? 1 : 0) + (male ? -3 : 0)
                        + (e == 1 ? -15 : e == 2 ? -5 : 0) + u + teacherEffect[t] + schoolEffect[school]
                        + 25 * rnd.nextGaussian();
                sb.setLength(0);
                sb.append("st").append(st + 1).append(",t").append(t + 1).append(",sc").append(school + 1).append(',')
                        .append(grades[g]).append(',').append(types[teacherType[t]]).append(',')
                        .append(male ? "male" : "female").append(',').append(eth[e]).append(',')
                        .append(Math.round(y)).append('\n');
                out.write(sb.toString());
                rows++;
            }
        }
        return rows;
    }

    private static int instEval(BufferedWriter out, Random rnd, double scale) throws IOException {
        int depts = 14;
        int students = atLeast(2_972 * scale, 10);
        int instructors = atLeast(1_128 * scale, depts * 2);
        int rows = atLeast(73_421 * scale, students * 2);
        int[] deptOf = new int[instructors];
        double[] popularity = new double[instructors];
        double[] dEffect = new double[instructors];
        double[] serviceShare = new double[instructors];
        java.util.List<java.util.List<Integer>> byDept = new java.util.ArrayList<>();
        for (int k = 0; k < depts; k++) byDept.add(new java.util.ArrayList<>());
        for (int i = 0; i < instructors; i++) {
            deptOf[i] = i < depts ? i : rnd.nextInt(depts);
            byDept.get(deptOf[i]).add(i);
            popularity[i] = Math.exp(1.2 * rnd.nextGaussian());
            dEffect[i] = 0.5 * rnd.nextGaussian();
            serviceShare[i] = rnd.nextDouble();
        }
        double[] deptEffect = new double[depts];
        for (int k = 0; k < depts; k++) deptEffect[k] = 0.1 * rnd.nextGaussian();
        out.write("s,d,dept,service,y\n");
        int written = 0;
        StringBuilder sb = new StringBuilder(48);
        for (int st = 0; st < students; st++) {
            int major = rnd.nextInt(depts);
            double u = 0.32 * rnd.nextGaussian();
            int count = rows / students + (st < rows % students ? 1 : 0);
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int r = 0; r < count; r++) {
                int d;
                int tries = 0;
                do {
                    java.util.List<Integer> pool = rnd.nextDouble() < 0.7 ? byDept.get(major)
                            : byDept.get(rnd.nextInt(depts));
                    // popularity-weighted draw within the pool (two candidates, keep the more popular)
                    int a = pool.get(rnd.nextInt(pool.size()));
                    int b = pool.get(rnd.nextInt(pool.size()));
                    d = popularity[a] >= popularity[b] ? a : b;
                } while (!seen.add(d) && ++tries < 20);
                boolean service = rnd.nextDouble() < serviceShare[d];
                double y = 3.2 + deptEffect[deptOf[d]] + (service ? -0.07 : 0) + u + dEffect[d] + 1.18 * rnd.nextGaussian();
                long rating = Math.max(1, Math.min(5, Math.round(y)));
                sb.setLength(0);
                sb.append('s').append(st + 1).append(",d").append(d + 1).append(",dept").append(deptOf[d] + 1).append(',')
                        .append(service ? 1 : 0).append(',').append(rating).append('\n');
                out.write(sb.toString());
                written++;
            }
        }
        return written;
    }

    private static int subjectsItems(BufferedWriter out, Random rnd, double scale) throws IOException {
        double f = Math.sqrt(scale);
        int subjects = atLeast(200 * f, 4);
        int items = atLeast(400 * f, 4);
        double[][] sub = new double[subjects][2];
        double[][] item = new double[items][2];
        for (double[] s : sub) {
            double z0 = rnd.nextGaussian();
            s[0] = 0.6 * z0;
            s[1] = 0.25 * (0.4 * z0 + Math.sqrt(1 - 0.16) * rnd.nextGaussian());
        }
        for (double[] s : item) {
            double z0 = rnd.nextGaussian();
            s[0] = 0.4 * z0;
            s[1] = 0.15 * (-0.3 * z0 + Math.sqrt(1 - 0.09) * rnd.nextGaussian());
        }
        out.write("subject,item,x,y\n");
        StringBuilder sb = new StringBuilder(48);
        for (int s = 0; s < subjects; s++)
            for (int i = 0; i < items; i++) {
                double x = ((s + i) % 2 == 0) ? -0.5 : 0.5;   // counterbalanced: each subject and item sees both
                double y = 6 + 0.3 * x + sub[s][0] + sub[s][1] * x + item[i][0] + item[i][1] * x + 0.8 * rnd.nextGaussian();
                sb.setLength(0);
                sb.append("sub").append(s + 1).append(",it").append(i + 1).append(',').append(x).append(',')
                        .append(Math.round(y * 1e5) / 1e5).append('\n');
                out.write(sb.toString());
            }
        return subjects * items;
    }

    private static int large(BufferedWriter out, Random rnd, double scale) throws IOException {
        int users = atLeast(20_000 * scale, 4);
        int items = atLeast(5_000 * scale, 4);
        int rows = atLeast(1_000_000 * scale, 2 * (users + items));
        double[] ue = new double[users];
        double[] ie = new double[items];
        for (int i = 0; i < users; i++) ue[i] = 0.7 * rnd.nextGaussian();
        for (int i = 0; i < items; i++) ie[i] = 0.5 * rnd.nextGaussian();
        out.write("user,item,x,y\n");
        StringBuilder sb = new StringBuilder(48);
        for (int r = 0; r < rows; r++) {
            int u = r < users ? r : rnd.nextInt(users);          // every level is used
            int i = r < items ? r : rnd.nextInt(items);
            double x = rnd.nextGaussian();
            double y = 1 + 0.2 * x + ue[u] + ie[i] + rnd.nextGaussian();
            sb.setLength(0);
            sb.append(u + 1).append(',').append(i + 1).append(',').append(Math.round(x * 1e4) / 1e4).append(',')
                    .append(Math.round(y * 1e4) / 1e4).append('\n');
            out.write(sb.toString());
        }
        return rows;
    }
}
