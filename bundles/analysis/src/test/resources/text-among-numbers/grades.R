# Writes grades.csv (a grade column 1, 2, 3, K and a number-of-children column 0, 1, 2, 3+, which R's
# read.csv reads as factors) and prints the lme4 fit that TextColumnsFitTest compares with.
# R 4.2, lme4 1.1-31. Run from this folder: Rscript grades.R
set.seed(9)
n <- 48
d <- data.frame(school = rep(sprintf("s%d", 1:8), each = 6),
                grade = sample(c("1", "2", "3", "K"), n, replace = TRUE),
                kids = sample(c("0", "1", "2", "3+"), n, replace = TRUE),
                x = round(rnorm(n), 2))
d$y <- round(10 + 2 * (d$grade == "K") - (d$grade == "3") + 0.5 * d$x + rep(rnorm(8), each = 6) + rnorm(n), 2)
write.csv(d, "grades.csv", row.names = FALSE, quote = FALSE)
r <- read.csv("grades.csv")
print(levels(factor(r$grade))); print(levels(factor(r$kids)))
library(lme4)
m <- lmer(y ~ grade + kids + x + (1 | school), data = r)
print(fixef(m), digits = 15)
print(sqrt(diag(vcov(m))), digits = 15)
print(logLik(m), digits = 15)
print(VarCorr(m)$school[1], digits = 15); print(sigma(m)^2, digits = 15)
