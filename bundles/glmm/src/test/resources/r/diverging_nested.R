# Synthetic nested logistic data of the shape of issue 9.4: 15 schools, 6 classes each, 8 pupils per class,
# a huge class effect (SD 17 on the logit scale), so most classes are all 0 or all 1, and a predictor x
# (0..10) that does not separate the outcome: the plain GLM's fitted values stay well inside (0, 1).
# Run in this folder: Rscript diverging_nested.R > diverging_nested.out   (writes diverging_nested.csv)
set.seed(94)
school <- rep(sprintf("s%02d", 1:15), each = 48)
class <- rep(sprintf("c%d", 1:6), each = 8, times = 15)
x <- round(runif(length(school), 0, 10), 2)
u_school <- rep(rnorm(15, sd = 1), each = 48)
u_class <- rep(rnorm(90, sd = 17), each = 8)
y <- rbinom(length(school), 1, plogis(-12 + 2.5 * x + u_school + u_class))
d <- data.frame(school, class, x, y)
write.csv(d, "diverging_nested.csv", row.names = FALSE)
suppressMessages(library(lme4))
g <- glm(y ~ x, binomial, d)
cat("glm fitted range:", format(range(fitted(g)), digits = 10), "\n")
cat("glm coef:", format(coef(g), digits = 10), "\n")
cl <- aggregate(y ~ school + class, d, mean)
cat("classes all 0:", sum(cl$y == 0), " all 1:", sum(cl$y == 1), " of ", nrow(cl), "\n")
m <- withCallingHandlers(glmer(y ~ x + (1 | school/class), d, binomial),
    warning = function(w) { cat("WARNING:", conditionMessage(w), "\n"); invokeRestart("muffleWarning") },
    message = function(w) { cat("MESSAGE:", conditionMessage(w)); invokeRestart("muffleMessage") })
print(summary(m))
cat("lme4 messages:", unlist(m@optinfo$conv$lme4$messages), "\n")
cat("theta:", format(getME(m, "theta"), digits = 10), "\n")
cat("fixef:", format(fixef(m), digits = 10), "\n")
cat("se:", format(sqrt(diag(as.matrix(vcov(m)))), digits = 10), "\n")
cat("logLik:", format(as.numeric(logLik(m)), digits = 12), "\n")
