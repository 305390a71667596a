/** Analysis descriptors for host menus and the service that runs them from options given as JSON. */
package org.multilevel.host;
