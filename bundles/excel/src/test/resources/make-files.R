# Writes the Excel test files of this directory with openxlsx (R). Run here: Rscript make-files.R ../../../../../../shared/data
# hsb.xlsx, sleepstudy.xlsx: the shared CSV data as they are, on the first sheet under a header row.
# labels.xlsx: a first sheet "Daten" with a label-less numeric column, empty and "NA" cells, non-ASCII text, dates
#   (stored as day numbers), logicals and a formula whose cached values are filled in below (openxlsx writes
#   formulas without computing them, as Excel and LibreOffice would on saving); a second sheet "Zweites Blatt".
# nocache.xlsx: a formula never computed (no cached value).
library(openxlsx)
args <- commandArgs(trailingOnly = TRUE)
shared <- if (length(args) > 0) args[1] else "../../../../../../shared/data"

write.xlsx(read.csv(file.path(shared, "hsb.csv")), "hsb.xlsx")
write.xlsx(read.csv(file.path(shared, "sleepstudy.csv")), "sleepstudy.xlsx")

daten <- data.frame(id = 1:6,
                    score = c(12.5, NA, 7, 3.25, NA, 8),
                    city = c("Köln", "Zürich", NA, "Köln", "日本", "Bern"),
                    when = as.Date(c("2020-01-01", "2021-06-15", NA, "1999-12-31", "2020-01-02", "2024-02-29")),
                    flag = c(TRUE, FALSE, TRUE, NA, FALSE, TRUE))
wb <- createWorkbook()
addWorksheet(wb, "Daten")
writeData(wb, "Daten", daten)
writeData(wb, "Daten", "NA", startCol = 2, startRow = 6)   # a text "NA" cell in score (row of id 5)
writeData(wb, "Daten", "total", startCol = 6, startRow = 1)
writeFormula(wb, "Daten", paste0("A", 2:7, "*2"), startCol = 6, startRow = 2)
addWorksheet(wb, "Zweites Blatt")
writeData(wb, "Zweites Blatt", data.frame(a = c(1, 2, 3), b = c("x", "y", "x")))
saveWorkbook(wb, "labels.xlsx", overwrite = TRUE)

# the cached values of the formulas: <v>2*id</v> after each <f>
dir <- tempfile("xlsx")
unzip("labels.xlsx", exdir = dir)
sheet <- file.path(dir, "xl", "worksheets", "sheet1.xml")
xml <- readChar(sheet, file.info(sheet)$size, useBytes = TRUE)
for (i in 1:6) xml <- sub(paste0("<f>A", i + 1, "\\*2</f>"), paste0("<f>A", i + 1, "*2</f><v>", 2 * i, "</v>"), xml)
writeChar(xml, sheet, eos = NULL, useBytes = TRUE)
file.remove("labels.xlsx")
old <- setwd(dir)
zip(file.path(old, "labels.xlsx"), files = list.files(".", recursive = TRUE, all.files = TRUE), flags = "-X -q")
setwd(old)

wb <- createWorkbook()
addWorksheet(wb, "Blatt")
writeData(wb, "Blatt", data.frame(x = c(1, 2)))
writeData(wb, "Blatt", "y", startCol = 2, startRow = 1)
writeFormula(wb, "Blatt", c("A2+1", "A3+1"), startCol = 2, startRow = 2)
saveWorkbook(wb, "nocache.xlsx", overwrite = TRUE)
