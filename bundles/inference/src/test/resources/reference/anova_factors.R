# Generates anova_factors.json: lmerTest anova tables (types II and III, Kenward-Roger and Satterthwaite) for
# a model with factor x factor and factor x numeric interactions, on the first 1500 rows of hsb.csv, with the
# REML estimates the tables were computed from. Run from this directory:
#   Rscript anova_factors.R ../../../../../../../shared/data
suppressMessages({library(lmerTest); library(jsonlite)})
args <- commandArgs(TRUE)
dir <- if (length(args)) args[1] else "../../../../../../../shared/data"
hsb <- read.csv(file.path(dir, "hsb.csv"))[1:1500, ]
f <- math ~ factor(minority) * factor(female) + factor(sector) * ses + (1 + ses | school)
fit <- lmer(f, data = hsb, REML = TRUE)
tab <- function(type, ddf) {
  a <- anova(fit, type = type, ddf = ddf)
  lapply(seq_len(nrow(a)), function(i) list(term = rownames(a)[i], numDf = a$NumDF[i], denDf = a$DenDF[i],
                                            F = a[["F value"]][i], p = a[["Pr(>F)"]][i]))
}
out <- list(formula = deparse(f, width.cutoff = 500), rows = nrow(hsb), columns = colnames(model.matrix(fit)),
            estimate = unname(fixef(fit)), covariance = unname(as.matrix(VarCorr(fit)$school)),
            sigma2 = sigma(fit)^2,
            typeIII_kenwardRoger = tab(3, "Kenward-Roger"), typeII_kenwardRoger = tab(2, "Kenward-Roger"),
            typeIII_satterthwaite = tab(3, "Satterthwaite"), typeII_satterthwaite = tab(2, "Satterthwaite"))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "anova_factors.json")
