# Separation by the fixed effects: y is 1 exactly when x > 0.3 (complete separation by x); y2 is 1 exactly
# when x + x2 > 0 (separation by x and x2 together, by neither alone); z is noise that separates nothing.
# Run in this folder: Rscript separated.R > separated.out   (writes separated.csv)
set.seed(95)
g <- rep(sprintf("g%02d", 1:30), each = 10)
x <- round(rnorm(300), 3)
x2 <- round(rnorm(300), 3)
z <- round(rnorm(300), 3)
y <- as.integer(x > 0.3)
y2 <- as.integer(x + x2 > 0)
d <- data.frame(g, x, x2, z, y, y2)
write.csv(d, "separated.csv", row.names = FALSE)
suppressMessages(library(lme4))
show <- function(expr) withCallingHandlers(expr,
    warning = function(w) { cat("WARNING:", conditionMessage(w), "\n"); invokeRestart("muffleWarning") },
    message = function(w) { cat("MESSAGE:", conditionMessage(w)); invokeRestart("muffleMessage") })
cat("glm(y ~ x):\n"); print(coef(show(glm(y ~ x, binomial, d))))
cat("glm(y2 ~ x + x2):\n"); print(coef(show(glm(y2 ~ x + x2, binomial, d))))
cat("glm(y2 ~ x + z):\n"); m <- show(glm(y2 ~ x + z, binomial, d)); print(coef(m)); print(range(fitted(m)))
cat("glmer(y ~ x + (1 | g)):\n"); r <- try(print(fixef(show(glmer(y ~ x + (1 | g), d, binomial)))))
cat("glmer(y2 ~ x + x2 + (1 | g)):\n"); r <- try(print(fixef(show(glmer(y2 ~ x + x2 + (1 | g), d, binomial)))))
cat("glmer(y2 ~ x + z + (1 | g)):\n"); m <- show(glmer(y2 ~ x + z + (1 | g), d, binomial))
cat("fixef:", format(fixef(m), digits = 10), " theta:", format(getME(m, "theta"), digits = 10), " logLik:", format(as.numeric(logLik(m)), digits = 12), "\n")
