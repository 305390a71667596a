# Generates robust_cr2.json: clubSandwich CR2 standard errors with Satterthwaite (Bell-McCaffrey) df
# for lme4 REML fits on the shared reference data. Run from this directory:
#   Rscript robust_cr2.R ../../../../../../../shared/data
suppressMessages({library(lme4); library(clubSandwich); library(jsonlite)})
args <- commandArgs(TRUE)
dir <- if (length(args)) args[1] else "../../../../../../../shared/data"
hsb <- read.csv(file.path(dir, "hsb.csv"))
sleep <- read.csv(file.path(dir, "sleepstudy.csv"))
cases <- list(
  list(id = "hsb_rb", data = hsb, cluster = "school",
       formula = math ~ meanses * cses + sector * cses + (1 + cses | school)),
  list(id = "hsb_sector", data = hsb, cluster = "school", formula = math ~ sector + (1 | school)),
  list(id = "sleepstudy", data = sleep, cluster = "Subject", formula = Reaction ~ Days + (Days | Subject))
)
out <- lapply(cases, function(cs) {
  fit <- lmer(cs$formula, data = cs$data, REML = TRUE)
  ct <- coef_test(fit, vcov = "CR2", test = "Satterthwaite")
  list(id = cs$id, formula = deparse(cs$formula, width.cutoff = 500), cluster = cs$cluster,
       term = names(fixef(fit)), estimate = unname(fixef(fit)), se = ct$SE, df = ct$df_Satt,
       p = ct$p_Satt,
       covariances = lapply(VarCorr(fit), function(v) unname(as.matrix(v)[, , drop = FALSE])),
       sigma2 = sigma(fit)^2)
})
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "robust_cr2.json")
