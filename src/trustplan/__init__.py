"""trustplan: a Children's Trust partnership's plan as data, monitored, and a family hub."""

__version__ = "0.1.0"
