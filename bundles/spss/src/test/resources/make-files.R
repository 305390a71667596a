# Writes the SPSS test files of this directory with haven (R). Run here: Rscript make-files.R ../../../../../../shared/data
# hsb.sav, sleepstudy.sav, sleepstudy.zsav: the shared CSV data as they are (numbers stay numbers), with variable labels.
# labels.sav, labels.zsav: value labels (code order differs from alphabetical), a label-less numeric column,
# user-missing values (a discrete code and a range), system-missing, non-ASCII labels, an ordinal factor, text.
library(haven)
args <- commandArgs(trailingOnly = TRUE)
shared <- if (length(args) > 0) args[1] else "../../../../../../shared/data"

hsb <- read.csv(file.path(shared, "hsb.csv"))
attr(hsb$math, "label") <- "Mathematics achievement"
attr(hsb$ses, "label") <- "Socio-economic status"
attr(hsb$school, "label") <- "School ID"
write_sav(hsb, "hsb.sav")


sleep <- read.csv(file.path(shared, "sleepstudy.csv"))
attr(sleep$Reaction, "label") <- "Average reaction time (ms)"
write_sav(sleep, "sleepstudy.sav")
write_sav(sleep, "sleepstudy.zsav", compress = "zsav")

labels <- data.frame(id = 1:8)
labels$score <- labelled_spss(c(12.5, 99, 7, NA, 3.25, -5, 10, 8),
                              labels = c("keine Antwort" = 99), na_values = 99, na_range = c(-9, -1),
                              label = "Testwert (Ärger)")
labels$region <- labelled_spss(c(1, 2, 3, 1, 3, 2, 2, NA),
                               labels = c("Zentrum" = 1, "Süd" = 2, "Ärger Nord" = 3, "日本" = 4),
                               label = "Region")
labels$grade <- factor(c("low", "mid", "high", "mid", "low", "high", NA, "mid"),
                       levels = c("low", "mid", "high"), ordered = TRUE)
labels$city <- c("Köln", "", "Zürich", "Köln", "Bern", "Zürich", "Bern", "Köln")
write_sav(labels, "labels.sav")
write_sav(labels, "labels.zsav", compress = "zsav")
