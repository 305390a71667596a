/**
 * Analysis descriptors: each analysis's menu entry and options as data a host reads from the service
 * registry to build its form, and the service that runs an analysis from options given as JSON.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.multilevel.api.descriptor;
