# Writes the Stata test files of this directory with haven (R). Run here: Rscript make-files.R ../../../../../../shared/data
# hsb.dta (format 118), sleepstudy.dta (117) and sleepstudy-119.dta (119): the shared CSV data as they are, with
# variable labels. labels.dta (118) and labels-117.dta: value labels (code order differs from alphabetical), a
# label-less numeric column, missing values . and .a/.b (tagged NA), non-ASCII labels, text, a long text (strL).
library(haven)
args <- commandArgs(trailingOnly = TRUE)
shared <- if (length(args) > 0) args[1] else "../../../../../../shared/data"

hsb <- read.csv(file.path(shared, "hsb.csv"))
attr(hsb$math, "label") <- "Mathematics achievement"
attr(hsb$school, "label") <- "School ID"
write_dta(hsb, "hsb.dta", version = 14)

sleep <- read.csv(file.path(shared, "sleepstudy.csv"))
attr(sleep$Reaction, "label") <- "Average reaction time (ms)"
write_dta(sleep, "sleepstudy.dta", version = 13)
write_dta(sleep, "sleepstudy-119.dta", version = 15)

labels <- data.frame(id = 1:8)
labels$score <- c(12.5, tagged_na("a"), 7, NA, 3.25, tagged_na("b"), 10, 8)
attr(labels$score, "label") <- "Testwert (Ärger)"
labels$region <- labelled(c(1, 2, 3, 1, 3, 2, 2, tagged_na("a")),
                          labels = c("Zentrum" = 1, "Süd" = 2, "Ärger Nord" = 3, "日本" = 4),
                          label = "Region")
labels$city <- c("Köln", "", "Zürich", "Köln", "Bern", "Zürich", "Bern", "Köln")
labels$note <- c(strrep("lang ", 600), "", "kurz", "", "kurz", strrep("lang ", 600), "", "kurz")
write_dta(labels, "labels.dta", version = 14)
labels117 <- labels
labels117$region <- labelled(c(1, 2, 3, 1, 3, 2, 2, NA), labels = c("Zentrum" = 1, "Sued" = 2, "Nord" = 3))
write_dta(labels117, "labels-117.dta", version = 13)
