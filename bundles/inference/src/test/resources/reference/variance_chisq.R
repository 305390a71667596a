# Generates variance_chisq.json: HLM's chi-square test of tau_qq = 0 (Raudenbush & Bryk 2002, eq. 3.103),
# computed with per-school lm() fits and the lme4 REML fixed effects and sigma. Run from this directory:
#   Rscript variance_chisq.R ../../../../../../../shared/data
suppressMessages({library(lme4); library(jsonlite)})
args <- commandArgs(TRUE)
dir <- if (length(args)) args[1] else "../../../../../../../shared/data"
hsb <- read.csv(file.path(dir, "hsb.csv"))
one <- function(id, formula, level1, eqs) {
  fit <- lmer(formula, data = hsb, REML = TRUE)
  g <- fixef(fit); s2 <- sigma(fit)^2
  schools <- split(hsb, hsb$school)
  res <- lapply(names(eqs), function(q) {
    chi <- 0; used <- 0
    for (d in schools) {
      X1 <- model.matrix(level1, d)
      if (nrow(d) <= ncol(X1) || qr(X1)$rank < ncol(X1)) next
      used <- used + 1
      b <- solve(crossprod(X1), crossprod(X1, d$math))
      V <- s2 * solve(crossprod(X1))
      w <- sapply(eqs[[q]], function(v) if (v == "1") 1 else d[[v]][1])
      pred <- sum(g[names(eqs[[q]])] * w)
      chi <- chi + (b[q, 1] - pred)^2 / V[q, q]
    }
    df <- used - length(eqs[[q]])
    list(coefficient = q, chisq = chi, df = df, p = pchisq(chi, df, lower.tail = FALSE), used = used)
  })
  list(id = id, formula = deparse(formula, width.cutoff = 500), tests = res)
}
out <- list(
  one("hsb_rb", math ~ meanses * cses + sector * cses + (1 + cses | school), ~ cses,
      list("(Intercept)" = c("(Intercept)" = "1", meanses = "meanses", sector = "sector"),
           cses = c(cses = "1", "meanses:cses" = "meanses", "cses:sector" = "sector"))),
  one("hsb_sector", math ~ sector + (1 | school), ~ 1,
      list("(Intercept)" = c("(Intercept)" = "1", sector = "sector"))))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "variance_chisq.json")
