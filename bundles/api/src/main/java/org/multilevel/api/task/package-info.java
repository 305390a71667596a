/**
 * Long work made visible and cancellable: a host passes a {@link org.multilevel.api.task.TaskMonitor} (usually a
 * {@link org.multilevel.api.task.CancellationToken}) to an analysis, receives progress callbacks on the analysing
 * thread and cancels from any thread. Estimators and result contributors check the monitor once per deviance
 * evaluation or refit, so a cancelled analysis stops within a second and keeps no references to its data.
 * {@link org.multilevel.api.task.WorkLimits} is the documented cost model by which work that cannot finish
 * sensibly (memory, time) is refused before it starts.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.multilevel.api.task;
