/** JMH benchmarks. */
package keyward.bench;
