// The Events page: the chosen study's days as a table, for readers who cannot see its picture (the dashboard's own
// data table module, read when opened).
import { StudyDataTable } from "./data-table.js";

const details = document.getElementById("study-data");
if (details) new StudyDataTable(details, document.getElementById("study-table"), document.getElementById("study-data-status"));
