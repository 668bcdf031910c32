"""Airflow DAG: the spark-em fit every night, on that day's data, into a dated output.

Needs apache-airflow-providers-apache-spark (SparkSubmitOperator) and a Spark connection
(``spark_default``: host ``yarn``, or ``spark://host:7077``, or ``k8s://https://...``) on a worker
that has ``spark-submit`` (SPARK_HOME) and, at SPARK_EM_HOME (default /opt/spark-em), a copy of
this repository's ``target/spark-em.jar``, ``target/jvm-options`` (Spark's Java 17 module
options, written by the build) and ``conf/``.

What one run does, for the logical date ``ds`` (e.g. 2026-12-01):

    spark-submit --master yarn --deploy-mode cluster --class dev.sparkem.cli.SparkEm \
      --files /opt/spark-em/conf/nightly-fit.properties \
      --conf spark.executorEnv.OPENBLAS_NUM_THREADS=1 ... /opt/spark-em/spark-em.jar \
      fit --conf nightly-fit.properties \
      --output hdfs:///models/nightly/2026-12-01 --overwrite \
      --checkpoint-dir hdfs:///tmp/spark-em/checkpoints/2026-12-01 --resume

Checkpoints: after every EM iteration the fit's state goes to that date's checkpoint directory;
an Airflow retry (after a lost driver, a preempted container, a timeout) resumes from the last
one and ends with the model an uninterrupted run would have written, bit for bit; the
checkpoints are deleted once the output is written.

Overwrite semantics: every date has its own output directory, so one night never touches
another's model. ``--overwrite`` matters only when the same date runs again (an Airflow retry, a
manual re-run, a backfill): the new result is written to a hidden staging directory beside the
output and renamed into place only when the job has succeeded; the previous result of that date
is deleted only after that. A run that fails (bad input: exit 3, bad configuration: exit 2,
anything else: exit 1) leaves the previous result of the date untouched and nothing half
written, and Airflow marks the task failed (spark-submit's non-zero exit). Downstream readers
can therefore read ``hdfs:///models/nightly/{{ ds }}/model.json`` whenever the directory exists.
"""

import os
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

SPARK_EM_HOME = os.environ.get("SPARK_EM_HOME", "/opt/spark-em")
OUTPUT_ROOT = os.environ.get("SPARK_EM_OUTPUT_ROOT", "hdfs:///models/nightly")
CHECKPOINT_ROOT = os.environ.get("SPARK_EM_CHECKPOINT_ROOT", "hdfs:///tmp/spark-em/checkpoints")
CONF_FILE = "nightly-fit.properties"

# Spark's Java 17 module options (the pom's spark.jvm.options; target/jvm-options after a build).
with open(os.path.join(SPARK_EM_HOME, "jvm-options"), encoding="utf-8") as options_file:
    JVM_OPTIONS = " ".join(options_file.read().split())

with DAG(
    dag_id="spark_em_nightly_fit",
    description="spark-em: nightly Gaussian mixture fit into a dated output",
    schedule="0 2 * * *",  # 02:00 every night, for the previous day's data interval
    start_date=datetime(2026, 12, 1),
    catchup=False,
    max_active_runs=1,  # two runs of one DAG never write at once
    default_args={"retries": 2, "retry_delay": timedelta(minutes=15)},
    tags=["spark-em"],
) as dag:
    SparkSubmitOperator(
        task_id="fit",
        conn_id="spark_default",
        application=os.path.join(SPARK_EM_HOME, "spark-em.jar"),
        java_class="dev.sparkem.cli.SparkEm",
        name="spark-em nightly fit {{ ds }}",
        deploy_mode="cluster",
        files=os.path.join(SPARK_EM_HOME, "conf", CONF_FILE),
        application_args=[
            "fit",
            "--conf", CONF_FILE,
            "--output", OUTPUT_ROOT + "/{{ ds }}",
            "--overwrite",
            # A retry after a lost driver continues from the last iteration, to the same model.
            "--checkpoint-dir", CHECKPOINT_ROOT + "/{{ ds }}",
            "--resume",
        ],
        conf={
            "spark.driver.extraJavaOptions": JVM_OPTIONS,
            "spark.executor.extraJavaOptions": JVM_OPTIONS,
            "spark.executorEnv.OPENBLAS_NUM_THREADS": "1",
            "spark.yarn.appMasterEnv.OPENBLAS_NUM_THREADS": "1",
        },
        num_executors=100,
        executor_cores=4,
        executor_memory="8g",
        driver_memory="4g",
        execution_timeout=timedelta(hours=4),
    )
