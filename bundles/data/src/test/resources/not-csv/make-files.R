# Small files in formats that are not CSV, written by the programs users export from.
# Run from this folder: Rscript make-files.R
d <- data.frame(y = c(1.5, 2.5, 3.5), g = c("a", "b", "a"))
haven::write_sav(d, "data.sav")
haven::write_dta(d, "data.dta")
openxlsx::write.xlsx(d, "data.xlsx")
write.csv(d, gzfile("data.csv.gz"), row.names = FALSE)
