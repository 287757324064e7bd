"""symbology"""
